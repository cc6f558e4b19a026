import { Font } from '@shuding/opentype.js';
import { LruCache } from './lru.ts';

// Widths of the words satori has measured, per font object (satori keeps one per font for the isolate's life).
const widths = new WeakMap<Font, LruCache<string, number>>();
// Room for every word of every template, size and language many times over.
const WORDS = 8192;
let installed = false;

/**
 * Memoises `Font.getAdvanceWidth` of opentype.js, the call satori lays out text with: it shapes each word again
 * for every measure yoga asks for, in every image, and that was a third of satori's time. A width depends only on
 * the font, the text, the size and the letter spacing (satori passes nothing else), so it is kept per isolate;
 * calls with any other option are passed through.
 */
export function cacheAdvanceWidths(): void {
  if (installed) return;
  installed = true;
  const measure = Font.prototype.getAdvanceWidth;
  Font.prototype.getAdvanceWidth = function (this: Font, text, fontSize, options) {
    const keys = options ? Object.keys(options) : [];
    if (keys.some((key) => key !== 'letterSpacing')) return measure.call(this, text, fontSize, options);
    let cache = widths.get(this);
    if (!cache) {
      cache = new LruCache<string, number>(WORDS);
      widths.set(this, cache);
    }
    return cache.through(`${fontSize}|${options?.letterSpacing ?? 0}|${text}`, () =>
      measure.call(this, text, fontSize, options),
    );
  };
}
