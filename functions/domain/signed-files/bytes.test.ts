import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './bytes.ts';

describe('crc32', () => {
  it('agrees with zlib on every length around its eight-byte steps and at every offset', () => {
    const bytes = Uint8Array.from({ length: 4099 }, (_, i) => (i * 7919) ^ (i >> 3));
    for (let length = 0; length <= 40; length++) {
      for (let offset = 0; offset < 8; offset++) {
        const part = bytes.subarray(offset, offset + length);
        expect(crc32(part), `length ${length}, offset ${offset}`).toBe(zlibCrc32(part));
      }
    }
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
  });

  it('gives the check value of the standard', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
