import { type FlatImage, type RectOp, type Rgb, readFlatSvg, type TextOp } from './flat-svg.ts';
import { type PlacedGlyph, placeGlyphs } from './glyphs.ts';
import { LruCache } from './lru.ts';
import { type Raster, stride } from './raster.ts';

// A flat card has about a hundred colours: its fills and the few coverage levels of anti-aliased text over them.
// It is painted as palette indices, one byte a pixel: a third of the bytes to fill, to blend and for zlib to
// compress (which was most of a story image's time), and the PNG is a palette PNG of the very same pixels.
const MAX_COLOURS = 256;

/** Thrown when an image needs more colours than a palette holds: resvg draws it instead. */
class PaletteFull extends Error {}

/** The colours of the image being painted, each with its index, in order of first use. */
class Palette {
  readonly rgb = new Uint8Array(MAX_COLOURS * 3);
  readonly #indices = new Map<number, number>();

  /** The index of a colour, added when new. */
  index(red: number, green: number, blue: number): number {
    const key = (red << 16) | (green << 8) | blue;
    let index = this.#indices.get(key);
    if (index === undefined) {
      index = this.#indices.size;
      if (index === MAX_COLOURS) throw new PaletteFull();
      this.#indices.set(key, index);
      this.rgb.set([red, green, blue], index * 3);
    }
    return index;
  }

  get size(): number {
    return this.#indices.size;
  }

  /**
   * The index of `colour` mixed over the colour at index `under` with a coverage of 0 to 255 (source-over, as
   * resvg blends).
   */
  blend(under: number, colour: Rgb, coverage: number): number {
    if (coverage >= 255) return this.index(colour[0], colour[1], colour[2]);
    const mixed = [0, 1, 2].map((c) => {
      const below = this.rgb[under * 3 + c] ?? 0;
      return below + Math.round(((colour[c] ?? 0) - below) * (coverage / 255));
    });
    return this.index(mixed[0] ?? 0, mixed[1] ?? 0, mixed[2] ?? 0);
  }
}

/** Fills a rectangle, anti-aliasing edges that fall between pixels by the share of each pixel they cover. */
function fillRect(raster: Raster, palette: Palette, op: RectOp): void {
  const row = stride(raster);
  const out = raster.scanlines;
  const x0 = Math.max(0, op.x);
  const y0 = Math.max(0, op.y);
  const x1 = Math.min(raster.width, op.x + op.width);
  const y1 = Math.min(raster.height, op.y + op.height);
  if (x1 <= x0 || y1 <= y0) return;
  const fill = palette.index(op.fill[0], op.fill[1], op.fill[2]);
  // Whole pixels inside the rectangle on each row, written as one run.
  const inner0 = Math.ceil(x0);
  const inner1 = Math.floor(x1);
  const cover = (x: number) => Math.min(x + 1, x1) - Math.max(x, x0);
  const mix = (at: number, coverage: number) => {
    out[at] = palette.blend(out[at] ?? 0, op.fill, coverage);
  };
  for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
    const rowCover = Math.min(y + 1, y1) - Math.max(y, y0);
    const start = y * row + 1;
    if (inner1 > inner0) {
      if (rowCover >= 1) {
        out.fill(fill, start + inner0, start + inner1);
      } else {
        // A partly covered row: the same coverage all along, over runs of the same colour.
        let under = -1;
        let mixed = 0;
        for (let at = start + inner0; at < start + inner1; at++) {
          if (out[at] !== under) {
            under = out[at] ?? 0;
            mixed = palette.blend(under, op.fill, rowCover * 255);
          }
          out[at] = mixed;
        }
      }
    }
    // The partly covered pixels at the two ends, or the one pixel a sliver of a rectangle falls in.
    const first = Math.floor(x0);
    const last = Math.ceil(x1) - 1;
    if (first < inner0 || inner1 <= inner0) mix(start + first, rowCover * cover(first) * 255);
    if (last >= inner1 && last !== first) mix(start + last, rowCover * cover(last) * 255);
  }
}

/**
 * The palette index each (colour under, coverage) pair mixes to, for one text colour and one image: entries hold
 * the image's serial number above the index, so an entry of an earlier image reads as unset and the tables are
 * kept for the isolate's life rather than allocated and cleared for each image (that was a sixth of painting).
 */
class Mixes {
  static #serial = 0;
  static readonly #pool: Int32Array[] = [];
  readonly serial: number;
  readonly #tables = new Map<string, Int32Array>();

  constructor() {
    // 2^23 images per isolate before the tables are cleared: the serial and an index (8 bits) fit in an int.
    Mixes.#serial = Mixes.#serial >= 0x7fffff ? 1 : Mixes.#serial + 1;
    if (Mixes.#serial === 1) for (const table of Mixes.#pool) table.fill(0);
    this.serial = Mixes.#serial;
  }

  /** The table of a text colour, the first one free in the pool. */
  of(colour: Rgb): Int32Array {
    const key = `${colour[0]},${colour[1]},${colour[2]}`;
    let table = this.#tables.get(key);
    if (!table) {
      table = Mixes.#pool[this.#tables.size];
      if (!table) {
        table = new Int32Array(MAX_COLOURS * 256);
        Mixes.#pool.push(table);
      }
      this.#tables.set(key, table);
    }
    return table;
  }
}

/**
 * Paints each glyph's mask in the run's colour. A partly covered pixel's result depends only on the colour under it
 * and the coverage, so it is worked out once per pair and image (`Mixes`).
 */
function drawText(raster: Raster, palette: Palette, op: TextOp, glyphs: PlacedGlyph[], mixes: Mixes): void {
  const row = stride(raster);
  const out = raster.scanlines;
  const solid = palette.index(op.fill[0], op.fill[1], op.fill[2]);
  const table = mixes.of(op.fill);
  const serial = mixes.serial << 8;
  const mix = (at: number, coverage: number) => {
    const key = ((out[at] as number) << 8) | coverage;
    const entry = table[key] as number;
    if (entry >> 8 === mixes.serial) {
      out[at] = entry & 0xff;
      return;
    }
    const mixed = palette.blend(out[at] as number, op.fill, coverage);
    table[key] = serial | mixed;
    out[at] = mixed;
  };
  for (const { mask, x, y } of glyphs) {
    const left = x + mask.left;
    const top = y + mask.top;
    if (left >= 0 && top >= 0 && left + mask.width <= raster.width && top + mask.height <= raster.height) {
      // Wholly inside the image (every glyph of the templates): only the covered pixels, solid runs filled.
      const spans = mask.spans;
      const origin = top * row + 1 + left;
      for (let s = 0; s < spans.length; s += 3) {
        const at = origin + (spans[s] as number) * row + (spans[s + 1] as number);
        const value = spans[s + 2] as number;
        if (value > 0) mix(at, value);
        else for (let end = at - value, k = at; k < end; k++) out[k] = solid;
      }
      continue;
    }
    // The part of the mask inside the image.
    const i0 = Math.max(0, -left);
    const i1 = Math.min(mask.width, raster.width - left);
    const j0 = Math.max(0, -top);
    const j1 = Math.min(mask.height, raster.height - top);
    const coverages = mask.coverage;
    for (let j = j0; j < j1; j++) {
      let at = (top + j) * row + 1 + left + i0;
      for (let k = j * mask.width + i0, end = j * mask.width + i1; k < end; k++, at++) {
        const coverage = coverages[k] as number;
        if (coverage === 255) out[at] = solid;
        else if (coverage !== 0) mix(at, coverage);
      }
    }
  }
}

// Per-isolate pixel buffers, one per image size, reused by `paintFlatSvg`: a fresh buffer for each image cost
// more (zeroing, page faults, garbage collection) than painting it. Bounded by bytes.
const scratch = new LruCache<string, Uint8Array>(8 * 1024 * 1024, (buffer) => buffer.length);

/**
 * Paints a flat image as palette indices: its rectangles and text in document order, text from the glyph cache.
 * Null when it needs more than 256 colours. With `reuse`, the pixels go into this isolate's buffer for the size,
 * valid until the next such call: only for an image whose first rectangle covers it whole (every pixel is painted
 * again), used before anything awaits.
 */
export function paintFlat(image: FlatImage, reuse = false): Raster | null {
  const key = `${image.width}x${image.height}`;
  let scanlines = reuse ? scratch.get(key) : undefined;
  if (!scanlines) {
    // Rows start with their filter byte, 0: a new buffer has it, and painting never writes there.
    scanlines = new Uint8Array((image.width + 1) * image.height);
    if (reuse) scratch.set(key, scanlines);
  }
  const raster: Raster = { width: image.width, height: image.height, channels: 1, scanlines };
  const palette = new Palette();
  const glyphs = placeGlyphs(image.ops.filter((op): op is TextOp => op.kind === 'text'));
  const mixes = new Mixes();
  try {
    let run = 0;
    for (const op of image.ops) {
      if (op.kind === 'rect') {
        fillRect(raster, palette, op);
        continue;
      }
      drawText(raster, palette, op, glyphs[run++] ?? [], mixes);
    }
  } catch (error) {
    if (error instanceof PaletteFull) return null;
    throw error;
  }
  raster.palette = palette.rgb.slice(0, palette.size * 3);
  return raster;
}

/**
 * Paints satori's SVG without resvg's SVG pipeline when it is flat (rectangles and text on an opaque background,
 * which is what every template draws) and fits a palette, or returns null so resvg draws it. `reuse` as for
 * `paintFlat`.
 */
export function paintFlatSvg(svg: string, reuse = false): Raster | null {
  const image = readFlatSvg(svg);
  const background = image?.ops[0];
  if (!image || background?.kind !== 'rect') return null;
  const covers =
    background.x <= 0 &&
    background.y <= 0 &&
    background.x + background.width >= image.width &&
    background.y + background.height >= image.height;
  return covers ? paintFlat(image, reuse) : null;
}
