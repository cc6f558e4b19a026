import { initWasm, Resvg } from '@resvg/resvg-wasm';
import resvgWasm from '@resvg/resvg-wasm/index_bg.wasm';
import satori, { init as initYoga } from 'satori/standalone';
import yogaWasm from 'satori/yoga.wasm';
import { FONTS } from './fonts.ts';
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

/** Lays out an element tree as SVG; glyphs become paths, so the SVG looks the same without the font. */
export async function renderSvg(element: Node, width: number, height: number): Promise<string> {
  await whenReady();
  return satori(element as never, { width, height, fonts: FONTS });
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
