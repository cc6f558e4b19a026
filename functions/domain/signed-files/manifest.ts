// The signed manifest `{"v": 1, "code", "kid", "signed_at", "sha256", "sig"}`: building it, reading it and checking
// its signature against the published keys (contract, "Figures anyone can verify").
import { z } from 'zod';
import { fromBase64Url, toBase64Url } from './bytes.ts';
import { canonicalJson } from './jcs.ts';
import { importPublicKey, type PublicJwk, type SigningKey } from './keys.ts';

/** Crockford base-32 in two groups of five (no I, L, O, U). */
export const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

/** The manifest every signed file carries. */
export const ManifestSchema = z.strictObject({
  v: z.literal(1),
  code: z.string().regex(CODE_PATTERN, 'must be a code like 7K2QF-9XM4D'),
  kid: z.string().min(1),
  signed_at: z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO 8601 date-time'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be lowercase hex SHA-256'),
  sig: z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'must be a 64-byte base64url signature'),
});
/** A parsed manifest. */
export type Manifest = z.infer<typeof ManifestSchema>;

/** What a sign function is told besides the content: the code printed on it, the key, and when (default: now). */
export interface SignInput {
  code: string;
  signer: SigningKey;
  signed_at?: string;
}

/** Why a manifest does not vouch for its content (the subset of verification reasons decided here). */
export type ManifestProblem = 'malformed-manifest' | 'unknown-key' | 'key-not-valid-then' | 'bad-signature';

function signedBytes(manifest: Omit<Manifest, 'sig'>): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(canonicalJson({ ...manifest }));
}

/** Signs the manifest of content whose SHA-256 is `sha256`. */
export async function signManifest(sha256: string, input: SignInput): Promise<Manifest> {
  if (!CODE_PATTERN.test(input.code)) throw new Error(`Cannot sign: "${input.code}" is not a verification code.`);
  const unsigned = {
    v: 1 as const,
    code: input.code,
    kid: input.signer.kid,
    signed_at: input.signed_at ?? new Date().toISOString(),
    sha256,
  };
  const sig = await crypto.subtle.sign('Ed25519', input.signer.key, signedBytes(unsigned));
  return { ...unsigned, sig: toBase64Url(new Uint8Array(sig)) };
}

/** The manifest's text as written into a file (JCS, so the same manifest is always the same bytes). */
export function manifestText(manifest: Manifest): string {
  return canonicalJson({ ...manifest });
}

/** A manifest from its text, or null when the text is not one. */
export function parseManifest(text: string): Manifest | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = ManifestSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Whether `signed_at` falls inside the key's validity (from `valid_from`, up to and including `valid_until`). */
function validAt(key: PublicJwk, signedAt: string): boolean {
  const at = Date.parse(signedAt);
  if (key.valid_from && at < Date.parse(key.valid_from)) return false;
  return !key.valid_until || at <= Date.parse(key.valid_until);
}

/** Checks the manifest's signature with the listed keys: null when it holds, else why not. */
export async function checkManifest(manifest: Manifest, keys: readonly PublicJwk[]): Promise<ManifestProblem | null> {
  const key = keys.find((candidate) => candidate.kid === manifest.kid);
  if (!key) return 'unknown-key';
  const sig = fromBase64Url(manifest.sig);
  if (sig?.length !== 64) return 'malformed-manifest';
  const { sig: _sig, ...unsigned } = manifest;
  const holds = await crypto.subtle.verify('Ed25519', await importPublicKey(key), sig, signedBytes(unsigned));
  if (!holds) return 'bad-signature';
  return validAt(key, manifest.signed_at) ? null : 'key-not-valid-then';
}
