import { PARAM_SPECS } from '../domain/infographics.ts';
import { ApiError } from '../shared/errors.ts';
import { parseOrThrow } from '../shared/validate.ts';
import { TEMPLATE_BY_ID, TEMPLATES } from './templates/index.ts';
import type { BaseParams, Template } from './templates/types.ts';

/** What an image URL can return. */
export const FORMATS = ['png', 'svg', 'json'] as const;
/** One of the formats. */
export type ImageFormat = (typeof FORMATS)[number];

/** A validated image request: the template, its parameters and the format. */
export interface ImageRequest {
  template: Template;
  params: BaseParams & Record<string, unknown>;
  format: ImageFormat;
}

/** The template for an id, or the contract's 404 naming the ones that exist. */
export function templateOrThrow(id: string): Template {
  const template = TEMPLATE_BY_ID.get(id);
  if (!template) {
    throw new ApiError(
      'not_found',
      `There is no infographic template '${id.slice(0, 60)}'. Use one of: ${TEMPLATES.map((t) => t.id).join(', ')} (GET /api/v1/infographics lists them).`,
    );
  }
  return template;
}

/**
 * Parses `{template}.{png|svg|json}` and its query. Unknown templates and formats, another template's
 * parameters, repeated parameters and malformed values are refused before anything is read or drawn.
 */
export function parseImageRequest(file: string, queries: Record<string, string[]>): ImageRequest {
  const match = /^([a-z0-9-]{1,40})\.([a-z]{1,5})$/.exec(file);
  if (!match?.[1] || !match[2]) {
    throw new ApiError(
      'not_found',
      `There is no infographic '${file.slice(0, 60)}'. Ask for {template}.png, .svg or .json.`,
    );
  }
  const template = templateOrThrow(match[1]);
  const format = FORMATS.find((f) => f === match[2]);
  if (!format) {
    throw new ApiError('not_found', `Infographics come as .png, .svg or .json, not .${match[2]}.`);
  }
  // Names no image takes (`ref`, `utm_*`, anything else) are ignored, never drawn nor part of the cache name;
  // a name some other template takes is still refused by the template's strict schema.
  const known = Object.entries(queries).filter(([name]) => name === 'v' || name in PARAM_SPECS);
  const repeated = known.filter(([, values]) => values.length > 1).map(([name]) => name);
  if (repeated.length > 0) {
    throw new ApiError(
      'validation_failed',
      `The query is not valid: give each parameter once (${repeated.join(', ')} came more than once).`,
      repeated.map((field) => ({ field, message: 'must be given once' })),
    );
  }
  const query = Object.fromEntries(known.map(([name, values]) => [name, values[0]]));
  const params = parseOrThrow(template.schema, query, 'query') as ImageRequest['params'];
  return { template, params, format };
}

/**
 * The query of an image in a fixed order with every validated value (defaults included), so equal requests
 * share one cache entry however they were written. Values are codes, slugs and paths: nothing free-form.
 */
export function canonicalQuery(template: Template, params: ImageRequest['params'], version?: string): string {
  const query = new URLSearchParams();
  for (const { name } of template.params) {
    const value = params[name];
    if (typeof value === 'string' && value !== '') query.set(name, value);
  }
  if (version) query.set('v', version);
  return query.toString().replaceAll('%2F', '/');
}

/** The path and query of an image, e.g. `/api/v1/infographics/modality.png?process=…&lang=es&size=og`. */
export function imageUrl(
  template: Template,
  format: ImageFormat,
  params: ImageRequest['params'],
  version?: string,
): string {
  return `/api/v1/infographics/${template.id}.${format}?${canonicalQuery(template, params, version)}`;
}
