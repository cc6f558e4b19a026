import { inflateSync } from 'node:zlib';

/**
 * Unpacks a WOFF 1.0 font into the plain sfnt (TTF/OTF) that resvg's font database reads: WOFF is the same
 * tables, each zlib-compressed, behind a different header.
 */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 font');
  const count = view.getUint16(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 44 + i * 20;
    const offset = view.getUint32(at + 4);
    const compressed = view.getUint32(at + 8);
    const original = view.getUint32(at + 12);
    const bytes = woff.subarray(offset, offset + compressed);
    return {
      tag: view.getUint32(at),
      checksum: view.getUint32(at + 16),
      data: compressed < original ? new Uint8Array(inflateSync(bytes)) : bytes,
    };
  });
  const padded = (n: number) => (n + 3) & ~3;
  const out = new Uint8Array(12 + 16 * count + tables.reduce((sum, t) => sum + padded(t.data.length), 0));
  const header = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(count));
  header.setUint32(0, view.getUint32(4));
  header.setUint16(4, count);
  header.setUint16(6, power * 16);
  header.setUint16(8, Math.log2(power));
  header.setUint16(10, count * 16 - power * 16);
  let offset = 12 + 16 * count;
  tables.forEach((table, i) => {
    header.setUint32(12 + i * 16, table.tag);
    header.setUint32(16 + i * 16, table.checksum);
    header.setUint32(20 + i * 16, offset);
    header.setUint32(24 + i * 16, table.data.length);
    out.set(table.data, offset);
    offset += padded(table.data.length);
  });
  return out;
}
