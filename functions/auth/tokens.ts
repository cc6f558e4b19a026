import { toBase64Url, toHex } from '../domain/signed-files/bytes.ts';

const PREFIX = 'vx';

/** A freshly minted token: `token` is shown once; only `id` and `hash` are stored. */
export interface MintedToken {
  id: string;
  token: string;
  hash: string;
}

/** Creates a token `vx_<id>_<secret>` with 256 random bits of secret. */
export async function mintToken(): Promise<MintedToken> {
  const id = toHex(crypto.getRandomValues(new Uint8Array(6)));
  const secret = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const token = `${PREFIX}_${id}_${secret}`;
  return { id, token, hash: await hashToken(token) };
}

/**
 * SHA-256 of the token, hex. A plain fast hash is enough because the secret is 256 random bits:
 * there is no dictionary to slow down, unlike a password.
 */
export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return toHex(new Uint8Array(digest));
}

/** The id part of a well-formed token, or null for anything else. */
export function tokenId(token: string): string | null {
  const match = /^vx_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(token);
  return match?.[1] ?? null;
}

/** Compares two strings in time that depends only on their length, so a wrong hash leaks nothing. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  let diff = left.length ^ right.length;
  for (let i = 0; i < left.length; i++) diff |= (left[i] ?? 0) ^ (right[i % right.length] ?? 0);
  return diff === 0;
}
