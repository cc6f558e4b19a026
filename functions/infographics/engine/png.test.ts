import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readPngChunks } from '../../domain/signed-files/png.ts';
import { encodePng } from './png.ts';
import { type Raster, rgbOf } from './raster.ts';

/** The colour type and the RGB bytes of a PNG our encoder wrote (unfiltered rows, palette or RGB). */
function decode(png: Uint8Array): { type: number; rgb: number[] } {
  const chunks = readPngChunks(png);
  if (!chunks) throw new Error('not a whole PNG');
  const header = chunks.find((chunk) => chunk.type === 'IHDR')?.data ?? new Uint8Array(13);
  const view = new DataView(header.buffer, header.byteOffset);
  const [width, height, type] = [view.getUint32(0), view.getUint32(4), header[9] ?? 0];
  const palette = chunks.find((chunk) => chunk.type === 'PLTE')?.data;
  const rows = inflateSync(chunks.find((chunk) => chunk.type === 'IDAT')?.data ?? new Uint8Array(0));
  const channels = type === 3 ? 1 : 3;
  const rgb: number[] = [];
  for (let y = 0; y < height; y++) {
    expect(rows[y * (width * channels + 1)], 'filter byte').toBe(0);
    for (let x = 0; x < width; x++) {
      const at = y * (width * channels + 1) + 1 + x * channels;
      if (type === 3) rgb.push(...(palette?.subarray((rows[at] ?? 0) * 3, (rows[at] ?? 0) * 3 + 3) ?? []));
      else rgb.push(rows[at] ?? 0, rows[at + 1] ?? 0, rows[at + 2] ?? 0);
    }
  }
  return { type, rgb };
}

/** The RGB bytes of a raster, rows without their filter byte. */
function pixels(raster: Raster): number[] {
  const rgb = rgbOf(raster);
  const out: number[] = [];
  for (let y = 0; y < rgb.height; y++) {
    const start = y * (rgb.width * 3 + 1) + 1;
    out.push(...rgb.scanlines.subarray(start, start + rgb.width * 3));
  }
  return out;
}

describe('encodePng', () => {
  it('writes a palette image as a palette PNG of the same pixels', () => {
    const width = 5;
    const height = 3;
    const scanlines = new Uint8Array((width + 1) * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) scanlines[y * (width + 1) + 1 + x] = (x + y) % 3;
    const raster: Raster = {
      width,
      height,
      channels: 1,
      scanlines,
      palette: Uint8Array.of(255, 255, 255, 11, 93, 75, 19, 34, 29),
    };
    const png = decode(encodePng(raster));
    expect(png.type).toBe(3);
    expect(png.rgb).toEqual(pixels(raster));
    expect(png.rgb.slice(0, 9)).toEqual([255, 255, 255, 11, 93, 75, 19, 34, 29]);
  });

  it('writes an RGB image as an RGB PNG', () => {
    const raster: Raster = { width: 2, height: 1, channels: 3, scanlines: Uint8Array.of(0, 1, 2, 3, 4, 5, 6) };
    expect(decode(encodePng(raster))).toEqual({ type: 2, rgb: [1, 2, 3, 4, 5, 6] });
  });

  it('refuses palette indices without their palette', () => {
    expect(() => encodePng({ width: 1, height: 1, channels: 1, scanlines: Uint8Array.of(0, 0) })).toThrow(/palette/);
  });
});
