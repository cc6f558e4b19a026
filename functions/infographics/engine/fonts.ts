import zero from '@fontsource/archivo-narrow/files/archivo-narrow-latin-700-normal.woff';
import code from '@fontsource/arimo/files/arimo-latin-700-normal.woff';
import regular from '@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-400-normal.woff';
import bold from '@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-700-normal.woff';
import { FACES } from './faces.ts';
import { woffToSfnt } from './woff.ts';

// The file of each face of FACES, in its order.
const FILES = [regular, bold, code, zero] as const;

/**
 * The faces every infographic uses, Latin subset (Spanish and English need nothing more; 15 KB each): the brand
 * face's two weights and the verification code's two faces.
 * Module scope on purpose: satori caches parsed fonts per array, so one array means one parse per isolate.
 */
export const FONTS = FACES.map((face, index) => ({
  name: face.family,
  data: FILES[index] as ArrayBuffer,
  weight: face.weight,
  style: 'normal' as const,
}));

let faces: string | undefined;

/** `@font-face` rules with the fonts inline, for SVGs that keep their text (built once per isolate). */
export function fontFaces(): string {
  faces ??= FONTS.map(
    (font) =>
      `@font-face{font-family:'${font.name}';font-weight:${font.weight};src:url(data:font/woff;base64,${base64(font.data)}) format('woff')}`,
  ).join('');
  return faces;
}

function base64(data: ArrayBuffer): string {
  const bytes = new Uint8Array(data);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

let sfnt: Uint8Array[] | undefined;

/** The same fonts as TTF, for resvg and for shaping text runs (unpacked once per isolate). */
export function rasterFonts(): Uint8Array[] {
  sfnt ??= FONTS.map((font) => woffToSfnt(new Uint8Array(font.data)));
  return sfnt;
}
