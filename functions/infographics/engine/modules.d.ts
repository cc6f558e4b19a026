// Module types for the files wrangler bundles as-is (wrangler.toml [[rules]] and its CompiledWasm default).

declare module '*.woff' {
  /** The font file's bytes. */
  const data: ArrayBuffer;
  export default data;
}

declare module 'satori/yoga.wasm' {
  /** Yoga (satori's flexbox layout) compiled at deploy time: workerd refuses runtime compilation. */
  const module: WebAssembly.Module;
  export default module;
}

declare module '@resvg/resvg-wasm/index_bg.wasm' {
  /** resvg (SVG rasteriser) compiled at deploy time. */
  const module: WebAssembly.Module;
  export default module;
}

declare module '@shuding/opentype.js' {
  /** One drawing command of a glyph outline, in pixels (y down). */
  export interface PathCommand {
    type: string;
    x?: number;
    y?: number;
    x1?: number;
    y1?: number;
    x2?: number;
    y2?: number;
  }
  /** A glyph outline scaled and placed. */
  export interface Path {
    commands: PathCommand[];
    toPathData(decimalPlaces?: number): string;
  }
  /** One glyph of a font. */
  export interface Glyph {
    index: number;
    getPath(x: number, y: number, fontSize: number): Path;
  }
  /** A parsed font, as satori's text measurement uses it. */
  export class Font {
    forEachGlyph(
      text: string,
      x: number,
      y: number,
      fontSize: number,
      options: { letterSpacing?: number },
      callback: (glyph: Glyph, x: number, y: number, fontSize: number) => void,
    ): number;
    /** The width of a run of text: what satori measures words with. */
    getAdvanceWidth(text: string, fontSize: number, options?: { letterSpacing?: number }): number;
  }
  /** Reads a TTF/OTF/WOFF font. */
  export function parse(buffer: ArrayBuffer): Font;
}
