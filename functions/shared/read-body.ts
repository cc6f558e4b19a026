import { ApiError } from './errors.ts';

/** Reads a request body as bytes, stopping with a 413 as soon as it passes `maxBytes`. */
export async function readBodyLimited(
  request: Request,
  maxBytes: number,
  what = 'body',
): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () =>
    new ApiError(
      'payload_too_large',
      `The ${what} is larger than ${maxBytes.toLocaleString('en')} bytes. Split it into smaller batches.`,
    );
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  // HTTP framing holds a body to its declared length, so a small declared body is read in one go.
  if (request.headers.has('content-length')) return new Uint8Array(await request.arrayBuffer());
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** SHA-256 of bytes, hex (the one implementation lives with the signed-files format). */
export { sha256Hex } from '../domain/signed-files/bytes.ts';
