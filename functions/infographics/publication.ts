import { publicationCode } from '../publications/code.ts';
import type { NewPublication } from '../publications/store.ts';
import { altTexts } from './draw.ts';
import { type ImageRequest, imageUrl } from './request.ts';
import type { Prepared } from './templates/types.ts';

/**
 * What an image publishes: the figures it shows are its alt text in both languages at its size (the same
 * sentences, from the same figures, as the pixels), so the code is the same for the PNG, the SVG and either
 * language of one image, and changes with any figure. Re-drawn from its PNG URL.
 */
export async function imagePublication(
  request: ImageRequest,
  model: unknown,
  prepared: Prepared<unknown>,
  asOf: string | null,
): Promise<NewPublication> {
  const { template, params } = request;
  const figures = { template: template.id, size: params.size, text: altTexts(request, model) };
  return {
    code: await publicationCode({ ...prepared.publishedAs, figures }),
    kind: 'image',
    ...prepared.publishedAs,
    as_of: asOf,
    figures,
    render: { path: imageUrl(template, 'png', params), lang: template.langOf(model, params) },
  };
}
