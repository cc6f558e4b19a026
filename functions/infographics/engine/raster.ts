/**
 * Pixels laid out as PNG scanlines: each row is its filter byte (0, none) and then `width × channels` bytes, so
 * the PNG encoder deflates the buffer as it is. One channel holds palette indices (`palette`, RGB triples), three
 * are RGB for opaque images, four RGBA otherwise.
 */
export interface Raster {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  scanlines: Uint8Array;
  /** With one channel: the colours the indices name, three bytes each (at most 256). */
  palette?: Uint8Array;
}

/** Bytes from one row's start to the next. */
export function stride(raster: Pick<Raster, 'width' | 'channels'>): number {
  return raster.width * raster.channels + 1;
}

/**
 * Scanlines from RGBA pixels (rows top to bottom, straight alpha, as resvg gives them), dropping the alpha channel
 * when every pixel is opaque: a quarter less to compress and to send.
 */
export function rasterFromRgba(pixels: Uint8Array, width: number, height: number): Raster {
  let opaque = true;
  for (let i = 3; i < pixels.length; i += 4) {
    if (pixels[i] !== 255) {
      opaque = false;
      break;
    }
  }
  const channels = opaque ? 3 : 4;
  const raster: Raster = { width, height, channels, scanlines: new Uint8Array((width * channels + 1) * height) };
  const out = raster.scanlines;
  const rowBytes = stride(raster);
  for (let y = 0; y < height; y++) {
    if (!opaque) {
      out.set(pixels.subarray(y * width * 4, (y + 1) * width * 4), y * rowBytes + 1);
      continue;
    }
    let to = y * rowBytes + 1;
    for (let from = y * width * 4, end = from + width * 4; from < end; from += 4) {
      out[to++] = pixels[from] ?? 0;
      out[to++] = pixels[from + 1] ?? 0;
      out[to++] = pixels[from + 2] ?? 0;
    }
  }
  return raster;
}

/** The same image as RGB scanlines, for comparing a palette image with resvg's pixels; other rasters as they are. */
export function rgbOf(raster: Raster): Raster {
  if (raster.channels !== 1 || !raster.palette) return raster;
  const { width, height, palette } = raster;
  const rgb: Raster = { width, height, channels: 3, scanlines: new Uint8Array((width * 3 + 1) * height) };
  const from = stride(raster);
  const to = stride(rgb);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = (raster.scanlines[y * from + 1 + x] ?? 0) * 3;
      rgb.scanlines.set(palette.subarray(index, index + 3), y * to + 1 + x * 3);
    }
  }
  return rgb;
}
