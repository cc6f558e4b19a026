import {
  importSigningKey,
  type KeySet,
  KeySetSchema,
  type PublicJwk,
  type SigningKey,
} from '../domain/signed-files/index.ts';
import type { Env } from '../env.ts';
import { ApiError } from '../shared/errors.ts';

// The key is imported once per isolate (importKey costs more than a signature); a new secret is a new deploy,
// hence a new isolate, but the memo still compares the text so a test that swaps it is never signed with the old.
let memo: { text: string; key: Promise<SigningKey> } | null = null;

/**
 * The key that signs files, from the `SIGNING_KEY` secret; null when `SIGNING=off` (benchmarks). A missing or
 * broken secret is the deploy's fault, not the reader's: a 503 saying what to set, never an unsigned file.
 */
export function signingKey(env: Env): Promise<SigningKey> | null {
  if (env.SIGNING === 'off') return null;
  const text = env.SIGNING_KEY;
  if (!text) {
    throw new ApiError(
      'service_unavailable',
      'This site has no signing key yet: set the SIGNING_KEY secret (README, "Signing keys"); `npm start` makes a local one.',
    );
  }
  if (memo?.text !== text) {
    const key = importSigningKey(text);
    // A failed import is not kept: the next request reports it again (and a fixed secret is picked up).
    key.catch(() => {
      if (memo?.key === key) memo = null;
    });
    memo = { text, key };
  }
  return memo.key.catch((error: unknown) => {
    throw new ApiError('service_unavailable', error instanceof Error ? error.message : 'SIGNING_KEY cannot be read.');
  });
}

/** The keys that signed before (`RETIRED_SIGNING_KEYS`), each with `valid_until`; an unreadable list is none. */
function retiredKeys(env: Env): PublicJwk[] {
  if (!env.RETIRED_SIGNING_KEYS) return [];
  try {
    const parsed = KeySetSchema.safeParse({ keys: JSON.parse(env.RETIRED_SIGNING_KEYS) });
    return parsed.success ? parsed.data.keys : [];
  } catch {
    return [];
  }
}

/** The JWK Set published at `/.well-known/voto-extranjero-keys.json`: the current key, then the retired ones. */
export async function publishedKeys(env: Env): Promise<KeySet> {
  const current = env.SIGNING_KEY ? await signingKey({ ...env, SIGNING: undefined }) : null;
  const keys = [
    ...(current ? [{ ...current.publicJwk, use: 'sig' as const, valid_until: null }] : []),
    ...retiredKeys(env).map((key) => ({ ...key, use: 'sig' as const })),
  ];
  return { keys };
}
