// The local Worker signs what it serves like production does: `npm start` and the test servers need a key. Production's
// is a secret set by hand (README, "Signing keys"); locally `.dev.vars` (git-ignored) holds one made on first run.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningJwk } from '../../functions/domain/signed-files/index.ts';

/** Writes a fresh `SIGNING_KEY` into `<root>/.dev.vars` unless one is there; says whether it wrote one. */
export async function ensureDevSigningKey(root: string): Promise<boolean> {
  const path = join(root, '.dev.vars');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (/^SIGNING_KEY=/m.test(text)) return false;
  const now = new Date().toISOString();
  const jwk = await generateSigningJwk(`local-${now.slice(0, 10)}`, now);
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  appendFileSync(path, `${separator}SIGNING_KEY='${JSON.stringify(jwk)}'\n`, { mode: 0o600 });
  return true;
}
