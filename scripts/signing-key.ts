// `npm run -s signing-key -- [KID]`: a new Ed25519 signing key. The private JWK (for `wrangler secret put
// SIGNING_KEY`) goes to stdout only, so it can be piped straight into the secret; its public half, for
// keys/voto-extranjero-keys.json, goes to stderr.
import { generateSigningJwk, publicJwkFromPrivate } from '../functions/domain/signed-files/index.ts';

const now = new Date().toISOString();
const kid = process.argv[2] ?? `prod-${now.slice(0, 10)}`;
if (!/^[A-Za-z0-9._-]{1,64}$/.test(kid)) {
  console.error(`The kid must be 1 to 64 letters, digits, dots, dashes or underscores (got '${kid}').`);
  process.exit(2);
}
const jwk = await generateSigningJwk(kid, now);
console.error(`public key (add it to keys/voto-extranjero-keys.json):\n${JSON.stringify(publicJwkFromPrivate(jwk))}`);
console.log(JSON.stringify(jwk));
