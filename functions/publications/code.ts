import { CODE_PATTERN, canonicalJson } from '../domain/signed-files/index.ts';
import type { JsonValue } from '../domain/signed-files/jcs.ts';

// Publication codes: short, typed by hand from a screenshot, read back by OCR. Crockford's base 32 leaves out
// I, L, O and U, so no two characters look alike; 50 bits make a collision between two publications of the
// platform's lifetime (thousands, not billions) vanishingly unlikely.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** What a code is derived from: the process, the version shown (live data version or cut) and the exact figures. */
export interface CodeInput {
  process: string;
  version: string;
  figures: unknown;
}

/** The code of a publication: the first 50 bits of SHA-256 over the canonical `[process, version, figures]`. */
export async function publicationCode(input: CodeInput): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest(
      'SHA-256',
      new TextEncoder().encode(canonicalJson([input.process, input.version, input.figures] as JsonValue)),
    ),
  );
  let chars = '';
  let bits = 0;
  let buffer = 0;
  for (const byte of digest) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && chars.length < 10) {
      bits -= 5;
      chars += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
    if (chars.length === 10) break;
  }
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/**
 * A code as a reader may type it (lower case, without the dash, O for 0, I or L for 1, as Crockford allows) in its
 * written form, or null when it cannot be a code at all.
 */
export function normaliseCode(typed: string): string | null {
  if (typed.length > 20) return null;
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const code = `${plain.slice(0, 5)}-${plain.slice(5)}`;
  return CODE_PATTERN.test(code) ? code : null;
}
