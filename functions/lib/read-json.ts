import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors.ts';
import { readBodyLimited } from './read-body.ts';
import { parseOrThrow } from './validate.ts';

/** Reads a JSON request body of at most `maxBytes`, then validates it: 415, 413, 400 or 422 on failure. */
export async function readJson<S extends z.ZodType>(
  c: Context,
  schema: S,
  { maxBytes = 64 * 1024, accept = ['application/json'] }: { maxBytes?: number; accept?: string[] } = {},
): Promise<z.output<S>> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!accept.includes(type)) {
    throw new ApiError(
      'unsupported_media_type',
      `Send the body as ${accept.join(' or ')} (got '${type || 'no Content-Type'}').`,
    );
  }
  const buffer = await readBodyLimited(c.req.raw, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buffer));
  } catch {
    throw new ApiError('bad_request', 'The body is not valid UTF-8 JSON. Check quotes, commas and brackets.');
  }
  return parseOrThrow(schema, value, 'request body');
}
