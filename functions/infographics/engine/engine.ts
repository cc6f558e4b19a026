import { initWasm, Resvg } from '@resvg/resvg-wasm';
import resvgWasm from '@resvg/resvg-wasm/index_bg.wasm';
import satori, { init as initYoga } from 'satori/standalone';
import yogaWasm from 'satori/yoga.wasm';
import { BRAND } from '../brand.ts';
import type { Node } from '../h.ts';
import { cacheAdvanceWidths } from './advances.ts';
import { FACES } from './faces.ts';
import { readColour } from './flat-svg.ts';
import { FONTS, fontFaces, rasterFonts } from './fonts.ts';
import { LruCache } from './lru.ts';
import { paintFlatSvg } from './paint.ts';
import { encodePng } from './png.ts';
import { type Raster, rasterFromRgba, rgbOf } from './raster.ts';

/** Milliseconds spent in each phase of a render (shown in `Server-Timing`). */
export type Timings = { layout?: number; raster?: number; png?: number };

let ready: Promise<void> | undefined;

/** Instantiates yoga and resvg once per isolate (both modules were compiled at deploy time). */
function whenReady(): Promise<void> {
  cacheAdvanceWidths();
  ready ??= Promise.all([initYoga(yogaWasm), initWasm(resvgWasm)]).then(
    () => undefined,
    (error: unknown) => {
      ready = undefined;
      throw error;
    },
  );
  return ready;
}

/**
 * Lays out an element tree as SVG with its text as `<text>` (selectable, editable, searchable). Drawing the glyphs
 * later, from the fonts, is faster than satori turning each one into a path (layout took 2.5 times as long with
 * paths). `withFonts` embeds the fonts as `@font-face` for SVGs opened on their own.
 */
export async function renderSvg(
  element: Node,
  width: number,
  height: number,
  withFonts = false,
  timings: Timings = {},
): Promise<string> {
  await whenReady();
  const started = performance.now();
  const svg = withFamilyNames(
    await withoutStackTraces(() =>
      satori(withLayoutStyle(element) as never, { width, height, fonts: FONTS, embedFont: false }),
    ),
  );
  timings.layout = performance.now() - started;
  return withFonts ? svg.replace(/^<svg\b[^>]*>/, (open) => `${open}<style>${fontFaces()}</style>`) : svg;
}

// Satori's font size of the root element when none is given (the browsers' default).
const ROOT_FONT_SIZE = 16;
// The style properties the templates give colours in.
const COLOUR_PROPERTIES = ['color', 'backgroundColor'] as const;

/**
 * Writes what satori would otherwise parse and reject into each element's style (in place: every tree is drawn
 * afresh): the font size it inherits, and its colours as `rgb()`. The same layout and pixels, but satori reads
 * every string value as a CSS length first, and a missing font size (`undefined`) or a hex colour (`#13221d`,
 * inherited by every node) throws an Error it catches; a value with a bracket is passed over without one.
 */
function withLayoutStyle(node: Node, inherited = ROOT_FONT_SIZE): Node {
  const style = node.props.style ?? {};
  style.fontSize ??= inherited;
  for (const property of COLOUR_PROPERTIES) {
    const value = style[property];
    if (typeof value === 'string' && value.startsWith('#')) style[property] = rgbFunction(value);
  }
  node.props.style = style;
  const children = node.props.children;
  for (const child of Array.isArray(children) ? children : [children]) {
    if (child && typeof child === 'object') withLayoutStyle(child, style.fontSize as number);
  }
  return node;
}

// `rgb()` of each hex colour met so far (the brand has a dozen).
const rgbFunctions = new LruCache<string, string>(256);

/** `#0b5d4b` (or `#fff`) as `rgb(11,93,75)`, as satori writes colours it was given that way; anything else as is. */
function rgbFunction(hex: string): string {
  return rgbFunctions.through(hex, () => {
    const channels = readColour(hex);
    return channels ? `rgb(${channels.join(',')})` : hex;
  });
}

// Satori layouts under way in this isolate, and the stack trace limit to give back when the last ends.
let layouts = 0;
let savedStackTraceLimit = Error.stackTraceLimit;

/**
 * Runs satori with stack traces off. Satori parses every string style value (colours, `flex`, `column`) and each
 * element's missing font size as a CSS length, and each of those throws an Error it catches: capturing their stack
 * traces was a quarter of the layout time. Nothing satori throws to us loses its message; errors made by other
 * requests' microtasks in that window have no stack.
 */
async function withoutStackTraces<T>(run: () => Promise<T>): Promise<T> {
  // Renders of concurrent requests overlap: the limit is saved by the first and given back by the last.
  if (layouts++ === 0) savedStackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return await run();
  } finally {
    if (--layouts === 0) Error.stackTraceLimit = savedStackTraceLimit;
  }
}

// Each family as its font file names it, keyed by the lower-cased name satori writes.
const FAMILIES = new Map(
  FACES.map((face) => [`font-family="${face.family.toLowerCase()}"`, `font-family="${face.family}"`]),
);

/**
 * Satori writes font families lower-cased, and resvg matches them to the fonts' own names case by case: only the
 * brand face was found, as resvg's default family, and the code's face fell back to it.
 */
function withFamilyNames(svg: string): string {
  return svg.replace(/font-family="[^"]*"/g, (attribute) => FAMILIES.get(attribute) ?? attribute);
}

/** Rasterises an SVG at its own size with resvg's whole SVG pipeline (any SVG; text drawn from the fonts). */
export async function rasteriseWithResvg(svg: string): Promise<Raster> {
  await whenReady();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'original' },
    font: { fontBuffers: rasterFonts(), loadSystemFonts: false, defaultFontFamily: BRAND.font },
  });
  const image = resvg.render();
  try {
    return rasterFromRgba(image.pixels, image.width, image.height);
  } finally {
    image.free();
    resvg.free();
  }
}

/**
 * Rasterises satori's SVG at its own size as RGB(A): flat images (every template) are painted from the glyph
 * cache, anything else by resvg.
 */
export async function rasterise(svg: string): Promise<Raster> {
  await whenReady();
  const flat = paintFlatSvg(svg);
  return flat ? rgbOf(flat) : rasteriseWithResvg(svg);
}

/** Rasterises satori's SVG and encodes it as PNG. */
export async function renderPng(svg: string, timings: Timings = {}): Promise<Uint8Array> {
  await whenReady();
  let started = performance.now();
  // The flat painter's buffer is reused from image to image: nothing awaits between painting and encoding.
  const raster = paintFlatSvg(svg, true) ?? (await rasteriseWithResvg(svg));
  timings.raster = performance.now() - started;
  started = performance.now();
  const png = encodePng(raster);
  timings.png = performance.now() - started;
  return png;
}
