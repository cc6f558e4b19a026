import { initWasm, Resvg } from '@resvg/resvg-wasm';
import resvgWasm from '@resvg/resvg-wasm/index_bg.wasm';
import satori, { init as initYoga } from 'satori/standalone';
import yogaWasm from 'satori/yoga.wasm';
import { FONTS, fontFaces } from './fonts.ts';
import type { Node } from './h.ts';
import { encodePng } from './png.ts';

let ready: Promise<void> | undefined;

/** Instantiates yoga and resvg once per isolate (both modules were compiled at deploy time). */
function whenReady(): Promise<void> {
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
 * Lays out an element tree as SVG. For rasterising, glyphs become paths (resvg then needs no font); with
 * `asText`, text stays `<text>` (selectable, editable, searchable) and the fonts are embedded as `@font-face`.
 */
export async function renderSvg(element: Node, width: number, height: number, asText = false): Promise<string> {
  await whenReady();
  const svg = await satori(element as never, { width, height, fonts: FONTS, embedFont: !asText });
  return asText ? svg.replace(/^<svg\b[^>]*>/, (open) => `${open}<style>${fontFaces()}</style>`) : svg;
}

/** Rasterises satori's SVG at its own size. */
export async function renderPng(svg: string): Promise<Uint8Array> {
  await whenReady();
  const resvg = new Resvg(svg, { fitTo: { mode: 'original' } });
  const image = resvg.render();
  try {
    return encodePng(image.pixels, image.width, image.height);
  } finally {
    image.free();
    resvg.free();
  }
}
