import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { woffToSfnt } from './woff.ts';

const font = (weight: number) =>
  new Uint8Array(
    readFileSync(
      `node_modules/@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-${weight}-normal.woff`,
    ),
  );

// The sfnt checksum of a table: the sum of its big-endian 32-bit words (zero-padded), modulo 2^32.
function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

describe('woffToSfnt', () => {
  it('unpacks every table to the bytes whose checksum the font records', () => {
    for (const weight of [400, 700]) {
      const sfnt = woffToSfnt(font(weight));
      const view = new DataView(sfnt.buffer);
      expect(view.getUint32(0)).toBe(0x00010000);
      const count = view.getUint16(4);
      const tags: string[] = [];
      for (let i = 0; i < count; i++) {
        const at = 12 + i * 16;
        const tag = String.fromCharCode(...sfnt.subarray(at, at + 4));
        tags.push(tag);
        const offset = view.getUint32(at + 8);
        const length = view.getUint32(at + 12);
        expect(offset % 4, tag).toBe(0);
        // head's checksum field is adjusted for the whole font, so its recorded sum differs by design.
        if (tag !== 'head') expect(checksum(sfnt.subarray(offset, offset + length)), tag).toBe(view.getUint32(at + 4));
      }
      expect(tags).toEqual(expect.arrayContaining(['cmap', 'glyf', 'head', 'hmtx', 'loca', 'name']));
    }
  });

  it('refuses what is not WOFF 1.0', () => {
    expect(() => woffToSfnt(new Uint8Array(64))).toThrow(/WOFF/);
  });
});
