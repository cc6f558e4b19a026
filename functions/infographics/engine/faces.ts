import { BRAND } from '../brand.ts';

/**
 * The faces shipped, in the order of `FONTS` (fonts.ts gives each its file): the brand face's two weights and the
 * verification code's two faces. A text run names its face by index (`faceOf`); this module loads no font file, so the
 * SVG reader and its tests run without the bundler.
 */
export const FACES = [
  { family: BRAND.font, weight: 400 },
  { family: BRAND.font, weight: 700 },
  { family: BRAND.codeFont, weight: 700 },
  { family: BRAND.codeZeroFont, weight: 700 },
] as const;

/**
 * The index in FACES of the face a text run of this family and weight is drawn with, as CSS font matching picks
 * between the weights shipped (above 500 the bold one), or null for a family not shipped.
 */
export function faceOf(family: string, weight: number): number | null {
  const faces = FACES.flatMap((face, index) => (face.family.toLowerCase() === family.toLowerCase() ? [index] : []));
  const matching = faces.find((index) => (FACES[index]?.weight ?? 0) > 500 === weight > 500);
  return matching ?? faces[0] ?? null;
}
