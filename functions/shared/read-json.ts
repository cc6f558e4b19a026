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
  options: ReadJsonOptions = {},
): Promise<z.output<S>> {
  const { what = 'request body', invalid = 'validation_failed' } = options;
  return parseOrThrow(schema, await readJsonValue(c, options), what, invalid);
}

/** Reads a JSON request body of at most `maxBytes`, not yet validated (for a route that validates it as a step of its own). */
export async function readJsonValue(
  c: Context,
  { maxBytes = 64 * 1024, accept = ['application/json'], what = 'request body' }: ReadJsonOptions = {},
): Promise<unknown> {
  const { type } = mediaType(c.req.header('content-type'));
  if (!accept.includes(type)) {
    throw new ApiError(
      'unsupported_media_type',
      `Send the ${what} as ${accept.join(' or ')} (got '${type || 'no Content-Type'}').`,
    );
  }
  const buffer = await readBodyLimited(c.req.raw, maxBytes, what);
  try {
    return JSON.parse(utf8.decode(buffer)) as unknown;
  } catch {
    throw new ApiError('bad_request', `The ${what} is not valid UTF-8 JSON. Check quotes, commas and brackets.`);
  }
}

// One strict decoder per isolate: it keeps no state between whole-buffer decodes.
const utf8 = new TextDecoder('utf-8', { fatal: true });
