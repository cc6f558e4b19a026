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
