import { requireScope } from './require-scope.ts';
import type { TokenScope } from './scopes.ts';

/**
 * What a route that needs a token declares, in one piece so the check and the document cannot disagree: the
 * middleware that answers 401/403, and the security requirement (OpenAPI 3.1: the scope as the role name).
 */
export function scoped(scope: TokenScope) {
  // Feeds are machines: only the roles people hold can come from a Cloudflare Access sign-in.
  const people = scope === 'ingest' ? [] : [{ access: [scope] }];
  return { middleware: requireScope(scope), security: [{ bearer: [scope] }, ...people] };
}
