import { z } from '@hono/zod-openapi';
import { SIZE_NAMES } from '../domain/infographics.ts';
import { perLanguage } from '../shared/answer-parts.ts';

// The shapes of this feature's API answers, for the OpenAPI document.

/** One infographic template, with what it takes. */
export const TemplateAnswer = z
  .object({
    template: z.string(),
    title: perLanguage,
    sizes: z.array(z.enum(SIZE_NAMES as [string, ...string[]])),
    params: z.array(
      z.object({
        name: z.string(),
        required: z.boolean(),
        default: z.string().optional(),
        values: z.array(z.string()).readonly().optional(),
        pattern: z.string().optional(),
      }),
    ),
    formats: z.array(z.string()).readonly(),
    dimensions: z.record(z.string(), z.object({ width: z.number().int(), height: z.number().int() })),
  })
  .openapi('InfographicTemplate');

/** The `.json` of an image: its alt text in both languages and the version it shows. */
export const ImageInfoAnswer = z
  .object({
    template: z.string(),
    size: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    alt: perLanguage,
    data_version: z.string(),
    code: z.string().describe('The verification code printed on the image (`XXXXX-XXXXX`).'),
    verify_url: z.string().describe('`/v/{code}`: what was published under it.'),
    png: z.string(),
    svg: z.string(),
  })
  .openapi('InfographicInfo');
