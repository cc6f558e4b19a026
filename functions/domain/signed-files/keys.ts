// Ed25519 keys as JWKs: the Worker's private `SIGNING_KEY`, the published JWK Set and the keys the checkers trust.
import { z } from 'zod';
import { fromBase64Url } from './bytes.ts';

const ED25519 = { name: 'Ed25519' } as const;
const base64Url32 = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes in base64url without padding')
  .refine((text) => fromBase64Url(text) !== null, 'must be base64url');
const instant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO 8601 date or date-time');

/** One public key of the set at /.well-known/voto-extranjero-keys.json. */
export const PublicJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: base64Url32,
  kid: z.string().min(1),
  use: z.literal('sig').optional(),
  valid_from: instant.optional(),
  valid_until: instant.nullish(),
});
/** A published public key with its validity. */
export type PublicJwk = z.infer<typeof PublicJwkSchema>;

/** The JWK Set document the Worker publishes and the checkers read. */
export const KeySetSchema = z.object({ keys: z.array(PublicJwkSchema) });
/** A JWK Set of public keys. */
export type KeySet = z.infer<typeof KeySetSchema>;

/** The Worker secret `SIGNING_KEY`: a private Ed25519 JWK with its `kid` and the day it started signing. */
export const PrivateJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: base64Url32,
  d: base64Url32,
  kid: z.string().min(1),
  valid_from: instant,
});
/** A private signing key as stored in the secret. */
export type PrivateJwk = z.infer<typeof PrivateJwkSchema>;

/** What a sign function needs to sign: the private key and the `kid` that names its public half. */
export interface SigningKey {
  key: CryptoKey;
  kid: string;
  publicJwk: PublicJwk;
}

/** A JWK Set from parsed JSON; throws with the first problem (for the CLI and the checker to report). */
export function parseKeySet(json: unknown): KeySet {
  const parsed = KeySetSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Not a key set: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? 'is invalid'}.`);
  }
  return parsed.data;
}

/** The public half of a private JWK, as it is listed in the key set. */
export function publicJwkFromPrivate(jwk: PrivateJwk): PublicJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: jwk.kid, use: 'sig', valid_from: jwk.valid_from };
}

/** Imports the `SIGNING_KEY` secret (JSON text or parsed) for signing; throws a message naming the bad field. */
export async function importSigningKey(jwkJson: string | unknown): Promise<SigningKey> {
  const value = typeof jwkJson === 'string' ? JSON.parse(jwkJson) : jwkJson;
  const parsed = PrivateJwkSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `SIGNING_KEY is not an Ed25519 private JWK: ${issue?.path.join('.') || '(root)'} ${issue?.message}.`,
    );
  }
  const { kty, crv, x, d } = parsed.data;
  const key = await crypto.subtle.importKey('jwk', { kty, crv, x, d }, ED25519, false, ['sign']);
  return { key, kid: parsed.data.kid, publicJwk: publicJwkFromPrivate(parsed.data) };
}

/** A verifying CryptoKey of a published public key. */
export async function importPublicKey(jwk: PublicJwk): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, ED25519, false, ['verify']);
}

/** A fresh signing key as the private JWK the secret holds (for `npm start` and tests). */
export async function generateSigningJwk(kid: string, validFrom: string): Promise<PrivateJwk> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
  return PrivateJwkSchema.parse({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid, valid_from: validFrom });
}
