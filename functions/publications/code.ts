// Publication codes: short, typed by hand from a screenshot, read back by OCR. Crockford's base 32 leaves out
// I, L, O and U, so no two characters look alike; 50 bits make a collision between two publications of the
// platform's lifetime (thousands, not billions) vanishingly unlikely.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A code as written everywhere: `XXXXX-XXXXX`, upper case, Crockford base 32. */
export const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

/** What a code is derived from: the process, the version shown (live data version or cut) and the exact figures. */
export interface CodeInput {
  process: string;
  version: string;
  figures: unknown;
}

/**
 * JSON with object keys sorted and no spaces (RFC 8785 for the strings, integers and short decimals figures are
 * made of), so the same figures always give the same bytes whatever order they were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => inner !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
}

/** SHA-256 of a string's UTF-8 bytes, lowercase hex. */
export async function sha256Text(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The code of a publication: the first 50 bits of SHA-256 over the canonical `[process, version, figures]`. */
export async function publicationCode(input: CodeInput): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest(
      'SHA-256',
      new TextEncoder().encode(canonicalJson([input.process, input.version, input.figures])),
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
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(plain)) return null;
  return `${plain.slice(0, 5)}-${plain.slice(5)}`;
}
