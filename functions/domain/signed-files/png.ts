// PNG chunks: read them with their CRC checked, and carry the manifest in one uncompressed UTF-8 `iTXt` chunk
// (keyword `voto-extranjero-manifest`) placed just before IEND.
import { concatBytes, crc32 } from './bytes.ts';

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** The `iTXt` keyword of the manifest chunk. */
export const MANIFEST_KEYWORD = 'voto-extranjero-manifest';

/** One chunk: its type, its data and where it lies in the file (start of the length field, end after the CRC). */
export interface PngChunk {
  type: string;
  data: Uint8Array;
  start: number;
  end: number;
}

/** True when the bytes start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

/** The chunks of a PNG up to IEND, or null when the file is truncated, a CRC fails or IEND is missing. */
export function readPngChunks(bytes: Uint8Array): PngChunk[] | null {
  if (!isPng(bytes)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) return null;
    const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
    if (crc32(typeAndData) !== view.getUint32(offset + 8 + length)) return null;
    const type = String.fromCharCode(...typeAndData.subarray(0, 4));
    chunks.push({ type, data: typeAndData.subarray(4), start: offset, end });
    offset = end;
    if (type === 'IEND') return offset === bytes.length ? chunks : null;
  }
  return null;
}

/** A whole chunk (length, type, data, CRC) of a type and data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** The text of an uncompressed `iTXt` chunk with our keyword, or null for any other chunk. */
export function manifestChunkText(chunk: PngChunk): string | null {
  if (chunk.type !== 'iTXt') return null;
  const keyword = new TextEncoder().encode(`${MANIFEST_KEYWORD}\0`);
  if (chunk.data.length < keyword.length + 4 || !keyword.every((byte, i) => chunk.data[i] === byte)) return null;
  let at = keyword.length;
  const compressed = chunk.data[at];
  at += 2; // compression flag and method
  const languageEnd = chunk.data.indexOf(0, at);
  const translatedEnd = languageEnd < 0 ? -1 : chunk.data.indexOf(0, languageEnd + 1);
  if (compressed !== 0 || translatedEnd < 0) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(chunk.data.subarray(translatedEnd + 1));
  } catch {
    return null;
  }
}

/** The `iTXt` chunk carrying `text` under our keyword (no language tag, uncompressed). */
export function manifestChunk(text: string): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  return pngChunk(
    'iTXt',
    concatBytes([encoder.encode(`${MANIFEST_KEYWORD}\0`), Uint8Array.of(0, 0, 0, 0), encoder.encode(text)]),
  );
}

/** The PNG without its manifest chunks (what `sha256` covers) and the manifest texts found, in order. */
export function splitPng(bytes: Uint8Array, chunks: readonly PngChunk[]): { content: Uint8Array; manifests: string[] } {
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  const manifests: string[] = [];
  for (const chunk of chunks) {
    const text = manifestChunkText(chunk);
    if (text === null) kept.push(bytes.subarray(chunk.start, chunk.end));
    else manifests.push(text);
  }
  return { content: concatBytes(kept), manifests };
}

/** The PNG with a manifest chunk inserted just before IEND (`content` is a whole PNG holding no manifest chunk). */
export function insertManifestChunk(content: Uint8Array, text: string): Uint8Array<ArrayBuffer> {
  return concatBytes([content.subarray(0, content.length - 12), manifestChunk(text), content.subarray(-12)]);
}
