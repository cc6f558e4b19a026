import regular from '@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-400-normal.woff';
import bold from '@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-700-normal.woff';
import { BRAND } from './brand.ts';

/**
 * The two weights every infographic uses, Latin subset (Spanish and English need nothing more; 15 KB each).
 * Module scope on purpose: satori caches parsed fonts per array, so one array means one parse per isolate.
 */
export const FONTS = [
  { name: BRAND.font, data: regular, weight: 400 as const, style: 'normal' as const },
  { name: BRAND.font, data: bold, weight: 700 as const, style: 'normal' as const },
];
