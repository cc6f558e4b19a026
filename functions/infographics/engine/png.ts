import { deflateSync } from 'node:zlib';
import { concatBytes } from '../../domain/signed-files/bytes.ts';
import { pngChunk as chunk, PNG_SIGNATURE } from '../../domain/signed-files/png.ts';
import type { Raster } from './raster.ts';

// resvg-wasm's own encoder (the `png` crate compiled to Wasm, best compression) took about two thirds of a
// render. workerd's native zlib at a low level compresses these flat images almost as well in a tenth of the time.
// Rows are stored unfiltered (filter 0): prediction filters cost a pass over the pixels and, measured on these
// flat cards, made the output larger at this level, not smaller.
const LEVEL = 2;

/** Encodes scanlines as an 8-bit RGB or RGBA PNG. */
export function encodePng(raster: Raster): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, raster.width);
  view.setUint32(4, raster.height);
  header.set([8, raster.channels === 3 ? 2 : 6, 0, 0, 0], 8);
  return concatBytes([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', new Uint8Array(deflateSync(raster.scanlines, { level: LEVEL }))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
