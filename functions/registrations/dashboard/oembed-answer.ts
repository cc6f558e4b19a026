// The shape of an oEmbed 1.0 answer (section 2.3.4, type "rich"): the route is typed by it and the tests parse
// every answer with it, so a consumer's expectations are written once.
import { z } from 'zod';

const pixels = z.number().int().positive();

/** One `GET /oembed` answer: the snippet, its size, and the largest infographic that fits, when one does. */
export const oembedAnswer = z.strictObject({
  type: z.literal('rich'),
  version: z.literal('1.0'),
  title: z.string().min(1),
  provider_name: z.literal('Voto Extranjero'),
  provider_url: z.url(),
  cache_age: pixels,
  html: z.string().min(1),
  width: pixels,
  height: pixels,
  thumbnail_url: z.url().optional(),
  thumbnail_width: pixels.optional(),
  thumbnail_height: pixels.optional(),
});

/** What `oembedAnswer` accepts. */
export type OEmbedAnswer = z.output<typeof oembedAnswer>;
