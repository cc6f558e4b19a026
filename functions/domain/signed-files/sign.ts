// Signing the three kinds of published file (the Worker calls these when it serves a PNG, a CSV or a cut package).
import { strToU8, unzipSync, type ZipOptions, zipSync } from 'fflate';
import { sha256Hex } from './bytes.ts';
import { canonicalCsv, csvWithManifest } from './csv.ts';
import { manifestText, type SignInput, signManifest } from './manifest.ts';
import { checksumLines, SIGNATURE_ENTRY } from './package.ts';
import { insertManifestChunk, readPngChunks, splitPng } from './png.ts';

/** The PNG with its signed manifest chunk before IEND (any earlier manifest chunk replaced). */
export async function signPng(png: Uint8Array, input: SignInput): Promise<Uint8Array<ArrayBuffer>> {
  const chunks = readPngChunks(png);
  if (!chunks) throw new Error('Cannot sign: not a whole PNG (bad signature, CRC or missing IEND).');
  const { content } = splitPng(png, chunks);
  const manifest = await signManifest(await sha256Hex(content), input);
  return insertManifestChunk(content, manifestText(manifest));
}

/** The PNG without its manifest chunk: the bytes the manifest's `sha256` covers. */
export function stripPngManifest(png: Uint8Array): Uint8Array {
  const chunks = readPngChunks(png);
  if (!chunks) throw new Error('Not a whole PNG (bad signature, CRC or missing IEND).');
  return splitPng(png, chunks).content;
}

/**
 * The CSV in canonical form (what the site's CSV writer produces: CRLF, quoting only where needed) followed by the
 * manifest line. The first line should already be the `# verificación / verification:` line naming the code.
 */
export async function signCsv(csv: string | Uint8Array, input: SignInput): Promise<Uint8Array<ArrayBuffer>> {
  const content = canonicalCsv(typeof csv === 'string' ? csv : new TextDecoder().decode(csv));
  const manifest = await signManifest(await sha256Hex(strToU8(content)), input);
  return csvWithManifest(content, manifestText(manifest));
}

/** The package's entries with `signature.json` added (to zip with the caller's own options). */
export async function signPackageFiles(
  files: Readonly<Record<string, Uint8Array>>,
  input: SignInput,
): Promise<Record<string, Uint8Array>> {
  const { [SIGNATURE_ENTRY]: _old, ...entries } = files;
  const manifest = await signManifest(await sha256Hex(strToU8(await checksumLines(entries))), input);
  return { ...entries, [SIGNATURE_ENTRY]: strToU8(manifestText(manifest)) };
}

/** A zip re-written with `signature.json` added (entries keep their bytes; `options` apply to every entry). */
export async function signPackage(zip: Uint8Array, input: SignInput, options: ZipOptions = {}): Promise<Uint8Array> {
  const signed = await signPackageFiles(unzipSync(zip), input);
  return zipSync(Object.fromEntries(Object.entries(signed).map(([name, bytes]) => [name, [bytes, options]])));
}
