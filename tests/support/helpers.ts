import { env, exports } from 'cloudflare:workers';
import type { TokenScope } from '../../functions/auth/scopes.ts';
import { insertToken } from '../../functions/auth/token-store.ts';
import { mintToken } from '../../functions/auth/tokens.ts';
import type { Env } from '../../functions/env.ts';

/** The test bindings (the Worker's own plus the migrations list). */
export const testEnv = env as unknown as Env;

/** Calls the Worker under test as an outside client would. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return (exports as unknown as { default: Fetcher }).default.fetch(new Request(`https://voto.test${path}`, init));
}

/** Stores a fresh token of `scope` and returns the `Authorization` header for it. */
export async function bearer(scope: TokenScope, referralCode?: string): Promise<{ authorization: string }> {
  const minted = await mintToken();
  await insertToken(testEnv.DB, { id: minted.id, scope, name: 'test', hash: minted.hash, referralCode });
  return { authorization: `Bearer ${minted.token}` };
}
