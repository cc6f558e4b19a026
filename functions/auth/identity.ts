// What a Cloudflare Access token must hold before anyone is signed in with it: both its times and one plain
// e-mail address. jose checks `exp` only when present and `iat` only for its type, so both are required here.

/** How far in the future a token's `iat` may be (clock skew between Access and this Worker), in seconds. */
export const MAX_CLOCK_SKEW_SECONDS = 60;

/** Why a verified token's times are refused, or null when they are sound. `now` in seconds since the epoch. */
export function tokenTimesProblem(payload: { exp?: unknown; iat?: unknown }, now: number): string | null {
  const { exp, iat } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return 'it has no expiry (exp)';
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return 'it has no issue time (iat)';
  if (iat > now + MAX_CLOCK_SKEW_SECONDS) return 'it was issued in the future (iat)';
  if (exp <= iat) return 'it expires before it was issued';
  return null;
}

// One local part and one domain of at least two labels: no second `@`, no quoted or commented forms, ASCII
// only (a full-width ＠ or a look-alike letter is refused, not folded), as Access itself issues them.
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The identity's e-mail address, case-folded, or null when it is not exactly one plain address. Role
 * matching (`matchesPeople`) compares whole domains, so `a@allowed.org@evil.com` and
 * `a@allowed.org.evil.com` never pass for `@allowed.org`.
 */
export function identityEmail(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 254) return null;
  const address = value.toLowerCase();
  const parts = address.split('@');
  if (parts.length !== 2) return null;
  const [local = '', domain = ''] = parts;
  const labels = domain.split('.');
  const valid =
    local.length <= 64 &&
    LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    /^[a-z]{2,}$/.test(labels.at(-1) ?? '');
  return valid ? address : null;
}

/** The domain of an address `identityEmail` accepted. */
export const domainOf = (email: string): string => email.slice(email.indexOf('@') + 1);
