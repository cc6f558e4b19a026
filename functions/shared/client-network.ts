// Client addresses reduced to the networks a person controls: an IPv6 home connection is given a whole /64
// (often a /48 or /56), so a limit keyed on the full address is escaped by rotating inside it. Used only as
// limiter keys and, hashed with the daily salt, to tell networks apart; never stored or logged as is.

/** An address as bytes: 4 for IPv4 (IPv4-mapped and NAT64 IPv6 forms included), 16 for IPv6. */
export function addressBytes(text: string): Uint8Array | null {
  // Brackets from a URL host, a zone id (`fe80::1%eth0`) that only names the local interface.
  const address = text
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const v4 = ipv4(address);
  if (v4) return v4;
  const v6 = ipv6(address);
  if (!v6) return null;
  // ::ffff:a.b.c.d (IPv4-mapped) and 64:ff9b::a.b.c.d (NAT64) carry an IPv4 client.
  const mapped = v6.slice(0, 12).every((b, i) => b === (i >= 10 ? 0xff : 0));
  const nat64 = [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0].every((b, i) => v6[i] === b);
  return mapped || nat64 ? v6.slice(12) : v6;
}

function ipv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return Uint8Array.from(parts, Number);
}

function ipv6(text: string): Uint8Array | null {
  if (!/^[0-9a-f:.]+$/i.test(text) || text.split('::').length > 2) return null;
  const [head = '', tail] = text.split('::');
  const groups = (part: string): number[] | null => {
    if (!part) return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      const v4 = i === pieces.length - 1 && piece.includes('.') ? ipv4(piece) : null;
      if (v4) out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      else if (/^[0-9a-f]{1,4}$/i.test(piece)) out.push(Number.parseInt(piece, 16));
      else return null;
    }
    return out;
  };
  const first = groups(head);
  const last = tail === undefined ? [] : groups(tail);
  if (!first || !last) return null;
  const missing = 8 - first.length - last.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const words = [...first, ...Array<number>(tail === undefined ? 0 : missing).fill(0), ...last];
  return Uint8Array.from(words.flatMap((w) => [w >> 8, w & 0xff]));
}

const hex = (bytes: Uint8Array) =>
  Array.from({ length: bytes.length / 2 }, (_, i) =>
    (((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0)).toString(16),
  );

/** `bytes` cut to its first `bits` (a multiple of 8), written as a prefix. */
function prefix(bytes: Uint8Array, bits: number): string {
  const kept = bytes.slice(0, bits / 8);
  return bytes.length === 4
    ? `${[...kept, ...Array<number>(4 - kept.length).fill(0)].join('.')}/${bits}`
    : `${hex(kept).join(':')}::/${bits}`;
}

/**
 * The per-client limiter key: an IPv4 address as is, an IPv6 address's /64 (what one connection is given).
 * An address that does not parse is its own key.
 */
export function clientKey(address: string): string {
  const bytes = addressBytes(address);
  if (!bytes) return address.slice(0, 64);
  return bytes.length === 4 ? bytes.join('.') : prefix(bytes, 64);
}

/** The looser limiter key of an IPv6 address, its /48 (a site's allocation); null for IPv4. */
export function siteKey(address: string): string | null {
  const bytes = addressBytes(address);
  return bytes && bytes.length === 16 ? prefix(bytes, 48) : null;
}

/** The network an address belongs to for telling visitors' networks apart: IPv4 /24, IPv6 /48. */
export function networkOf(address: string): string {
  const bytes = addressBytes(address);
  if (!bytes) return address.slice(0, 64);
  return prefix(bytes, bytes.length === 4 ? 24 : 48);
}
