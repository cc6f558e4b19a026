import { constants, deflateSync } from 'node:zlib';
import { concatBytes } from '../../domain/signed-files/bytes.ts';
import { pngChunk as chunk, PNG_SIGNATURE } from '../../domain/signed-files/png.ts';
import type { Raster } from './raster.ts';

// resvg-wasm's own encoder (the `png` crate compiled to Wasm, best compression) took about two thirds of a
// render. workerd's native zlib at a low level compresses these flat images almost as well in a tenth of the time.
// Rows are stored unfiltered (filter 0): prediction filters cost a pass over the pixels in JavaScript.
// Palette images (every template) are compressed run-length only (Z_RLE): their flat colours are runs of one
// index, and measured on the story cards this was a quarter faster than level 2 and smaller (58 against 64 KB).
const LEVEL = 2;
const PALETTE_OPTIONS = { level: LEVEL, strategy: constants.Z_RLE };

/** Encodes scanlines as an 8-bit palette, RGB or RGBA PNG. */
export function encodePng(raster: Raster): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, raster.width);
  view.setUint32(4, raster.height);
  const palette = raster.channels === 1 ? raster.palette : undefined;
  if (raster.channels === 1 && !palette) throw new Error('a one-channel raster needs its palette');
  header.set([8, palette ? 3 : raster.channels === 3 ? 2 : 6, 0, 0, 0], 8);
  return concatBytes([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    ...(palette ? [chunk('PLTE', palette)] : []),
    chunk('IDAT', new Uint8Array(deflateSync(raster.scanlines, palette ? PALETTE_OPTIONS : { level: LEVEL }))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
