import { Resvg } from '@resvg/resvg-wasm';
import { type Font, type Glyph, parse } from '@shuding/opentype.js';
import type { TextOp } from './flat-svg.ts';
import { rasterFonts } from './fonts.ts';
import { LruCache } from './lru.ts';

/** A glyph's coverage (0 to 255 a pixel) at one size and sub-pixel offset, placed relative to its pen. */
export interface GlyphMask {
  /** From the pen's whole-pixel position to the mask's top-left pixel. */
  left: number;
  top: number;
  width: number;
  height: number;
  coverage: Uint8Array;
  /**
   * The covered pixels as triples (row, column, value), row by row: a value of 1 to 254 is one partly covered
   * pixel, a negative value a run of that many wholly covered ones. Painting skips the empty pixels (most of a
   * mask) and fills the solid runs without blending.
   */
  spans: Int32Array;
}

/** A glyph ready to paint: its mask and the whole-pixel position of its pen. */
export interface PlacedGlyph {
  mask: GlyphMask;
  x: number;
  y: number;
}

/** A shaped run: the glyphs and each one's pen offset from the start of the run. */
interface Run {
  glyphs: Glyph[];
  offsets: number[];
}

// Pen positions are kept to a quarter pixel, as Skia does for text: four masks per glyph and size at most,
// and no edge moves by more than an eighth of a pixel.
const SUBPIXELS = 4;
// Room for every glyph of every template, size and language many times over (a 132 px figure is 20 KB).
const MASK_BYTES = 16 * 1024 * 1024;
const RUNS = 4096;
const ATLAS_WIDTH = 1024;

let fonts: Font[] | undefined;
const runs = new LruCache<string, Run>(RUNS);
const masks = new LruCache<string, GlyphMask>(MASK_BYTES, (mask) => mask.coverage.length + mask.spans.byteLength + 64);
// Runs already placed, by face, size, spacing, exact pen position and text: an image drawn again (a new data
// version moves only some of its text) finds most of its runs here and builds no per-glyph key. Weighed by the
// masks they hold, which may outlive the mask cache's copies.
const placedRuns = new LruCache<string, PlacedGlyph[]>(MASK_BYTES, (glyphs) =>
  glyphs.reduce((sum, { mask }) => sum + mask.coverage.length + mask.spans.byteLength + 96, 64),
);

/**
 * The fonts as opentype.js reads them: the library satori measures text with, so runs are shaped (glyphs,
 * advances, kerning, letter spacing) exactly as satori laid them out.
 */
function font(face: number): Font {
  fonts ??= rasterFonts().map((sfnt) => parse(sfnt.slice().buffer));
  const found = fonts[face];
  if (!found) throw new Error(`no face ${face} among the ${fonts.length} shipped`);
  return found;
}

/** Shapes a run, once per isolate for each text, size and weight (most words recur in every image). */
function shape(op: TextOp): Run {
  return runs.through(`${op.face}|${op.size}|${op.letterSpacing}|${op.text}`, () => {
    const run: Run = { glyphs: [], offsets: [] };
    font(op.face).forEachGlyph(op.text, 0, 0, op.size, { letterSpacing: op.letterSpacing / op.size }, (glyph, x) => {
      run.glyphs.push(glyph);
      run.offsets.push(x);
    });
    return run;
  });
}

interface Miss {
  key: string;
  glyph: Glyph;
  size: number;
  dx: number;
  dy: number;
}

/** The bounds of a glyph's outline drawn with its pen at (dx, dy); control points bound the curves. */
function outlineBounds(miss: Miss) {
  const bounds = { left: Number.POSITIVE_INFINITY, top: Number.POSITIVE_INFINITY, right: -1e9, bottom: -1e9 };
  for (const command of miss.glyph.getPath(miss.dx, miss.dy, miss.size).commands) {
    for (const [x, y] of [
      [command.x, command.y],
      [command.x1, command.y1],
      [command.x2, command.y2],
    ]) {
      if (x === undefined || y === undefined) continue;
      bounds.left = Math.min(bounds.left, x);
      bounds.right = Math.max(bounds.right, x);
      bounds.top = Math.min(bounds.top, y);
      bounds.bottom = Math.max(bounds.bottom, y);
    }
  }
  return bounds;
}

/**
 * Rasterises the glyphs no cached mask has, all in one resvg call: their outlines are packed on rows of an
 * atlas, one pixel apart, and drawn as one path; each mask is then cut out of the atlas's alpha channel.
 */
function rasteriseMisses(misses: Miss[]): Map<string, GlyphMask> {
  const made = new Map<string, GlyphMask>();
  const cells: { miss: Miss; left: number; top: number; width: number; height: number; x: number; y: number }[] = [];
  const outlines: string[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const miss of misses) {
    const bounds = outlineBounds(miss);
    if (bounds.right < bounds.left) {
      made.set(miss.key, {
        left: 0,
        top: 0,
        width: 0,
        height: 0,
        coverage: new Uint8Array(0),
        spans: new Int32Array(0),
      });
      continue;
    }
    const left = Math.floor(bounds.left);
    const top = Math.floor(bounds.top);
    const width = Math.ceil(bounds.right) - left + 1;
    const height = Math.ceil(bounds.bottom) - top + 1;
    if (x + width > ATLAS_WIDTH && x > 0) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    cells.push({ miss, left, top, width, height, x, y });
    outlines.push(miss.glyph.getPath(x - left + miss.dx, y - top + miss.dy, miss.size).toPathData(3));
    x += width;
    rowHeight = Math.max(rowHeight, height);
  }
  if (cells.length > 0) {
    const atlasWidth = Math.max(ATLAS_WIDTH, ...cells.map((cell) => cell.x + cell.width));
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${atlasWidth}" height="${y + rowHeight}"><path d="${outlines.join('')}"/></svg>`;
    const resvg = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } });
    const image = resvg.render();
    try {
      const pixels = image.pixels;
      for (const cell of cells) {
        const coverage = new Uint8Array(cell.width * cell.height);
        for (let row = 0; row < cell.height; row++) {
          let from = ((cell.y + row) * atlasWidth + cell.x) * 4 + 3;
          for (let column = 0; column < cell.width; column++, from += 4) {
            coverage[row * cell.width + column] = pixels[from] ?? 0;
          }
        }
        const spans = spansOf(coverage, cell.width, cell.height);
        made.set(cell.miss.key, {
          left: cell.left,
          top: cell.top,
          width: cell.width,
          height: cell.height,
          coverage,
          spans,
        });
      }
    } finally {
      image.free();
      resvg.free();
    }
  }
  for (const [key, mask] of made) masks.set(key, mask);
  return made;
}

/** The covered pixels of a mask as `GlyphMask.spans` says. */
function spansOf(coverage: Uint8Array, width: number, height: number): Int32Array {
  const spans: number[] = [];
  for (let j = 0; j < height; j++) {
    for (let i = 0, k = j * width; i < width; i++, k++) {
      const value = coverage[k] as number;
      if (value === 0) continue;
      if (value < 255) {
        spans.push(j, i, value);
        continue;
      }
      let end = i + 1;
      while (end < width && coverage[k + end - i] === 255) end++;
      spans.push(j, i, i - end);
      k += end - 1 - i;
      i = end - 1;
    }
  }
  return Int32Array.from(spans);
}

/** A glyph's pen split into a whole pixel and a quarter-pixel remainder (the mask's key). */
function pen(position: number): [whole: number, fraction: number] {
  const quarters = Math.round(position * SUBPIXELS);
  const whole = Math.floor(quarters / SUBPIXELS);
  return [whole, (quarters - whole * SUBPIXELS) / SUBPIXELS];
}

/**
 * Every glyph of every text run, with its mask. Runs and masks come from per-isolate caches; the masks missing
 * from it are rasterised together first. Like a browser's glyph cache, this draws each glyph's outline once
 * per isolate rather than once per image, which was most of the time resvg spent on an image. The arrays returned
 * are the cache's own: read them, never change them.
 */
export function placeGlyphs(ops: TextOp[]): PlacedGlyph[][] {
  const found = new Map<string, GlyphMask>();
  const misses = new Map<string, Miss>();
  const placed: (PlacedGlyph[] | undefined)[] = [];
  const unplaced: { at: number; runKey: string; glyphs: { key: string; x: number; y: number }[] }[] = [];
  ops.forEach((op, at) => {
    const runKey = `${op.face}|${op.size}|${op.letterSpacing}|${op.x}|${op.y}|${op.text}`;
    const cached = placedRuns.get(runKey);
    placed.push(cached);
    if (cached) return;
    const run = shape(op);
    const [y, dy] = pen(op.y);
    const glyphs = run.glyphs.map((glyph, i) => {
      const [x, dx] = pen(op.x + (run.offsets[i] ?? 0));
      const key = `${op.face}|${glyph.index}|${op.size}|${dx}|${dy}`;
      if (!found.has(key) && !misses.has(key)) {
        const mask = masks.get(key);
        if (mask) found.set(key, mask);
        else misses.set(key, { key, glyph, size: op.size, dx, dy });
      }
      return { key, x, y };
    });
    unplaced.push({ at, runKey, glyphs });
  });
  if (misses.size > 0) for (const [key, mask] of rasteriseMisses([...misses.values()])) found.set(key, mask);
  for (const { at, runKey, glyphs } of unplaced) {
    const run = glyphs.map(({ key, x, y }) => ({ mask: found.get(key) as GlyphMask, x, y }));
    placedRuns.set(runKey, run);
    placed[at] = run;
  }
  return placed as PlacedGlyph[][];
}
