// The one filter every visitor-chosen string passes before it is counted (paths, campaign values, referrer
// hosts, search terms, asset names): nothing that looks like an e-mail address, a phone number, a long
// number, a CURP or a voter credential key is ever stored, however it was encoded.

/** What a value holding personal data is stored as (a path keeps its other segments). */
export const PRIVATE = '(private)';

// Decoding stops here: a value encoded more often than this is treated as hiding something.
const MAX_DECODES = 3;

// `(at)`, `[at]`, `{at}`, `<at>` and the Spanish `(arroba)` written for `@`.
const AT_WORDS = /\s*[([{<]\s*(?:at|arroba)\s*[)\]}>]\s*/giu;
// `@` and its look-alikes once NFKC has folded the full-width ＠ and the small ﹫.
const AT_SIGNS = /[@\uFE6B\uFF20]/u;
// Seven or more digits in a run, allowing the separators phone numbers are written with
// (55 1234 5678, +52 1 55-1234-5678, (415) 555-0134, 415.555.0134): also any long numeric id.
const DIGIT_RUN = /\d(?:[\s().\-/+_]*\d){6,}/u;
// Year ranges and ISO dates (`pel-2020-2021`, `2024-05-12`) are names of processes and days, not phone numbers.
// Only when no more digits follow or precede: `tel-2020-2021-5555` stays a phone number.
const YEARS = /(?<!\d[\s().\-/+_]*)(?:19|20)\d\d[-_](?:(?:19|20)\d\d|\d\d[-_]\d\d)(?![\s().\-/+_]*\d)/gu;
// CURP: 4 letters, birth date, sex (H, M or X), state and consonants, a check character and digit.
const CURP = /[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d/iu;
// Clave de elector: 6 letters, birth date and state (8 digits), sex (H or M), 3 digits.
const VOTER_KEY = /[A-Z]{6}\d{8}[HM]\d{3}/iu;

/**
 * Percent-decoding repeated (a value may be encoded twice). Each run of escapes is decoded on its own, so one
 * malformed sequence (`juan%40gmail.com%zz`) cannot keep the rest of the value from being read.
 */
function decoded(value: string): string {
  let current = value;
  for (let i = 0; i < MAX_DECODES && /%[0-9a-f]{2}/iu.test(current); i++) {
    current = current.replace(/(?:%[0-9a-f]{2})+/giu, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
  return current;
}

/** The forms a value is checked in: as sent, decoded and Unicode-folded, with `(at)` read as `@`. */
function readings(value: string): string[] {
  const plain = decoded(value).normalize('NFKC');
  return [value, plain, plain.replace(AT_WORDS, '@')];
}

/** True when `value`, in any of its readings, holds something that may identify a person. */
export function holdsPersonalData(value: string): boolean {
  return readings(value).some((text) => {
    // A CURP or a key may be written in groups (`GOMC 800101 HDF…`).
    const compact = text.replace(/[\s_.-]+/gu, '');
    return (
      AT_SIGNS.test(text) || DIGIT_RUN.test(text.replace(YEARS, ' ')) || CURP.test(compact) || VOTER_KEY.test(compact)
    );
  });
}

/** `value` as it may be stored: itself, or PRIVATE when it holds personal data. */
export function scrubValue(value: string): string {
  return holdsPersonalData(value) ? PRIVATE : value;
}

/**
 * A URL path as it may be stored: each segment holding personal data becomes PRIVATE, so a missing
 * `/es/<e-mail>/<phone>/` is still counted, as `/es/(private)/(private)/`.
 */
export function scrubPath(path: string): string {
  return path
    .split('/')
    .map((segment) => (segment && holdsPersonalData(segment) ? PRIVATE : segment))
    .join('/');
}
