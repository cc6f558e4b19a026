import { type FlatImage, type RectOp, type Rgb, readFlatSvg, type TextOp } from './flat-svg.ts';
import { type PlacedGlyph, placeGlyphs } from './glyphs.ts';
import { type Raster, stride } from './raster.ts';

/** Mixes `colour` over the pixel at `at` with a coverage of 0 to 255 (source-over, as resvg blends). */
function blend(out: Uint8Array, at: number, colour: Rgb, coverage: number): void {
  if (coverage >= 255) {
    out[at] = colour[0];
    out[at + 1] = colour[1];
    out[at + 2] = colour[2];
    return;
  }
  for (let c = 0; c < 3; c++) {
    const under = out[at + c] ?? 0;
    out[at + c] = under + Math.round(((colour[c] ?? 0) - under) * (coverage / 255));
  }
}

/** Fills a rectangle, anti-aliasing edges that fall between pixels by the share of each pixel they cover. */
function fillRect(raster: Raster, op: RectOp): void {
  const row = stride(raster);
  const out = raster.scanlines;
  const x0 = Math.max(0, op.x);
  const y0 = Math.max(0, op.y);
  const x1 = Math.min(raster.width, op.x + op.width);
  const y1 = Math.min(raster.height, op.y + op.height);
  if (x1 <= x0 || y1 <= y0) return;
  // Whole pixels inside the rectangle on each row: written as one run, then copied down the rows.
  const inner0 = Math.ceil(x0);
  const inner1 = Math.floor(x1);
  const cover = (x: number) => Math.min(x + 1, x1) - Math.max(x, x0);
  let firstFull = -1;
  for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
    const rowCover = Math.min(y + 1, y1) - Math.max(y, y0);
    const start = y * row + 1;
    const full = rowCover >= 1;
    if (full && firstFull >= 0 && inner1 > inner0) {
      out.copyWithin(start + inner0 * 3, firstFull + inner0 * 3, firstFull + inner1 * 3);
    } else if (inner1 > inner0) {
      if (full) {
        firstFull = start;
        out.set(op.fill, start + inner0 * 3);
        for (let filled = 1; filled < inner1 - inner0; filled *= 2) {
          const span = Math.min(filled, inner1 - inner0 - filled) * 3;
          out.copyWithin(start + (inner0 + filled) * 3, start + inner0 * 3, start + inner0 * 3 + span);
        }
      } else {
        for (let x = inner0; x < inner1; x++) blend(out, start + x * 3, op.fill, rowCover * 255);
      }
    }
    // The partly covered pixels at the two ends, or the one pixel a sliver of a rectangle falls in.
    const first = Math.floor(x0);
    const last = Math.ceil(x1) - 1;
    if (first < inner0 || inner1 <= inner0) blend(out, start + first * 3, op.fill, rowCover * cover(first) * 255);
    if (last >= inner1 && last !== first) blend(out, start + last * 3, op.fill, rowCover * cover(last) * 255);
  }
}

/** Paints each glyph's mask in the run's colour. */
function drawText(raster: Raster, op: TextOp, glyphs: PlacedGlyph[]): void {
  const row = stride(raster);
  const out = raster.scanlines;
  for (const { mask, x, y } of glyphs) {
    for (let j = 0; j < mask.height; j++) {
      const py = y + mask.top + j;
      if (py < 0 || py >= raster.height) continue;
      const start = py * row + 1;
      for (let i = 0; i < mask.width; i++) {
        const coverage = mask.coverage[j * mask.width + i] ?? 0;
        const px = x + mask.left + i;
        if (coverage === 0 || px < 0 || px >= raster.width) continue;
        blend(out, start + px * 3, op.fill, coverage);
      }
    }
  }
}

/** Paints a flat image: its rectangles and text in document order, text from the glyph cache. */
export function paintFlat(image: FlatImage): Raster {
  const raster: Raster = {
    width: image.width,
    height: image.height,
    channels: 3,
    scanlines: new Uint8Array((image.width * 3 + 1) * image.height),
  };
  const glyphs = placeGlyphs(image.ops.filter((op): op is TextOp => op.kind === 'text'));
  let run = 0;
  for (const op of image.ops) {
    if (op.kind === 'rect') fillRect(raster, op);
    else drawText(raster, op, glyphs[run++] ?? []);
  }
  return raster;
}

/**
 * Paints satori's SVG without resvg's SVG pipeline when it is flat (rectangles and text on an opaque background,
 * which is what every template draws), or returns null so resvg draws it.
 */
export function paintFlatSvg(svg: string): Raster | null {
  const image = readFlatSvg(svg);
  const background = image?.ops[0];
  if (!image || background?.kind !== 'rect') return null;
  const covers =
    background.x <= 0 &&
    background.y <= 0 &&
    background.x + background.width >= image.width &&
    background.y + background.height >= image.height;
  return covers ? paintFlat(image) : null;
}
