import { html } from '../shared/html.ts';
import { fill, inEveryLanguage, type Lang, useTranslations } from '../shared/i18n.ts';
import { scaleOf } from './brand.ts';
import { renderPng, renderSvg, type Timings } from './engine/engine.ts';
import type { ImageRequest } from './request.ts';

/** The alt text of an image in both languages, at the size asked for. */
export function altTexts(request: ImageRequest, model: unknown): Record<Lang, string> {
  const scale = scaleOf(request.params.size);
  return inEveryLanguage((lang) => request.template.alt(model, lang, scale));
}

/**
 * Draws an image as SVG with its verification code, titled with its alt text (screen readers and search read the
 * SVG's `<title>`). The download embeds its fonts (`withFonts`); the PNG is rasterised from the same SVG without them.
 */
export async function drawSvg(
  request: ImageRequest,
  model: unknown,
  code: string,
  withFonts = true,
  timings: Timings = {},
): Promise<string> {
  const { template, params } = request;
  const scale = scaleOf(params.size);
  const lang = template.langOf(model, params);
  const verification = fill(useTranslations(lang)('img.verification'), { code });
  const node = template.draw(model, lang, scale, verification);
  const svg = await renderSvg(node, scale.width, scale.height, withFonts, timings);
  const title = html`<title>${template.alt(model, lang, scale)}</title>`;
  return svg.replace(/^<svg\b[^>]*>/, (open) => `${open.replace('<svg', `<svg role="img" lang="${lang}"`)}${title}`);
}

/** Draws an image as PNG with its verification code. */
export async function drawPng(
  request: ImageRequest,
  model: unknown,
  code: string,
  timings: Timings = {},
): Promise<Uint8Array> {
  return renderPng(await drawSvg(request, model, code, false, timings), timings);
}
