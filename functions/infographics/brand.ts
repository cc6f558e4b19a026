import { SIZES, type SizeName } from '../domain/infographics.ts';

/** The one set of brand tokens every template draws with: the site's theme colour, one typeface, flat shapes. */
export const BRAND = {
  font: 'Atkinson Hyperlegible Next',
  /**
   * The verification code's face, bold: Arimo, drawn to Arial's metrics and shapes, which Tesseract's English model
   * has seen most. Against the other faces tried (Inter, Atkinson's slashed zero, DejaVu and Liberation Mono, IBM
   * Plex, Roboto and Source Code mono, B612 Mono, Courier Prime) it read the most random codes back exactly.
   * Named as the file names itself, so resvg (which matches by that name) draws what satori measured.
   */
  codeFont: 'Arimo',
  /**
   * The code's zeros, in a narrow bold face: Arimo's round zero read as O, or as "0O" (one character too many), in
   * codes with zeros among letters; a narrow zero reads as a digit.
   */
  codeZeroFont: 'Archivo Narrow',
  colour: {
    primary: '#0b5d4b',
    primaryDark: '#08463a',
    onPrimary: '#ffffff',
    ink: '#13221d',
    muted: '#4a5c56',
    paper: '#ffffff',
    track: '#e3eeea',
    rule: '#c7d6d0',
    accent: '#b8860b',
  },
  /** Voting methods keep one colour each wherever they appear (dark, light and warm: distinguishable in grey too). */
  modality: { postal: '#0b5d4b', internet: '#6fb8a2', presencial: '#c9962c' } as Record<string, string>,
} as const;

/** Type scale and spacing for one size, in pixels: legible on a phone when the image is shown full width. */
export interface Scale {
  width: number;
  height: number;
  /** Outer padding; stories keep more at top and bottom, where the apps draw their own controls. */
  pad: number;
  padTop: number;
  padBottom: number;
  band: number;
  brand: number;
  title: number;
  hero: number;
  body: number;
  small: number;
  /** The verification code, on a line of its own under its label: large enough that OCR reads it from the whole image. */
  code: number;
  /** How many bars a ranking shows. */
  bars: number;
  barHeight: number;
  gap: number;
}

const SCALES: Record<SizeName, Omit<Scale, 'width' | 'height'>> = {
  og: {
    pad: 56,
    padTop: 0,
    padBottom: 24,
    band: 84,
    brand: 30,
    title: 44,
    hero: 120,
    body: 32,
    small: 24,
    code: 32,
    bars: 4,
    barHeight: 16,
    gap: 14,
  },
  square: {
    pad: 72,
    padTop: 0,
    padBottom: 56,
    band: 112,
    brand: 38,
    title: 56,
    hero: 190,
    body: 38,
    small: 28,
    code: 40,
    bars: 6,
    barHeight: 22,
    gap: 22,
  },
  story: {
    pad: 84,
    padTop: 180,
    padBottom: 220,
    band: 132,
    brand: 44,
    title: 70,
    hero: 240,
    body: 46,
    small: 32,
    code: 48,
    bars: 9,
    barHeight: 26,
    gap: 30,
  },
};

/** The scale of a size. */
export function scaleOf(size: SizeName): Scale {
  return { ...SIZES[size], ...SCALES[size] };
}
