import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors.ts';
import { mediaType } from './media-type.ts';
import { readBodyLimited } from './read-body.ts';
import { parseOrThrow } from './validate.ts';

/** How `readJson` reads a body: its size limit, the media types it takes, and how it names what it read. */
export interface ReadJsonOptions {
  maxBytes?: number;
  accept?: string[];
  /** What the body is, for messages ("request body", "event"). */
  what?: string;
  /** The status of a body that parses but fails its schema: 422 by default; the events contract says 400. */
  invalid?: 'validation_failed' | 'bad_request';
}

/** Reads a JSON request body of at most `maxBytes`, then validates it: 415, 413, 400 or 422 on failure. */
export async function readJson<S extends z.ZodType>(
  c: Context,
  schema: S,
  {
    maxBytes = 64 * 1024,
    accept = ['application/json'],
    what = 'request body',
    invalid = 'validation_failed',
  }: ReadJsonOptions = {},
): Promise<z.output<S>> {
  const { type } = mediaType(c.req.header('content-type'));
  if (!accept.includes(type)) {
    throw new ApiError(
      'unsupported_media_type',
      `Send the ${what} as ${accept.join(' or ')} (got '${type || 'no Content-Type'}').`,
    );
  }
  const buffer = await readBodyLimited(c.req.raw, maxBytes, what);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buffer));
  } catch {
    throw new ApiError('bad_request', `The ${what} is not valid UTF-8 JSON. Check quotes, commas and brackets.`);
  }
  return parseOrThrow(schema, value, what, invalid);
}
