// Checking a file the reader holds against the published keys: the one verification used by the browser checker,
// the `npm run verify` command and the tests.
import { strToU8, unzipSync } from 'fflate';
import { sha256Hex } from './bytes.ts';
import { canonicalCsv, manifestLineText, splitLastLine } from './csv.ts';
import type { PublicJwk } from './keys.ts';
import { checkManifest, type Manifest, type ManifestProblem, parseManifest } from './manifest.ts';
import { checksumLines, isZip, SIGNATURE_ENTRY } from './package.ts';
import { isPng, readPngChunks, splitPng } from './png.ts';

/** The largest file the checkers read (our biggest published file is a cut package of a few hundred KB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The kinds of signed file. */
export type SignedKind = 'png' | 'csv' | 'package';

/** Why a file is not authentic, in the words the checkers translate. */
export type FailureReason =
  | ManifestProblem
  | 'no-manifest'
  | 'content-changed'
  | 'resaved'
  | 'too-large'
  | 'unsupported-type';

/** The answer about one file: authentic with what vouches for it, or why not (with the code when one was read). */
export type Verification =
  | { authentic: true; kind: SignedKind; code: string; kid: string; signed_at: string }
  | { authentic: false; reason: FailureReason; kind?: SignedKind; code?: string; kid?: string; signed_at?: string };

/** Which kind of signed file the bytes are, by their first bytes, else by name for text; null when none. */
export function signedKind(bytes: Uint8Array, name: string): SignedKind | null {
  if (isPng(bytes)) return 'png';
  if (isZip(bytes)) return 'package';
  if (/\.png$|\.zip$/i.test(name)) return null;
  try {
    // Streaming decode: a character cut at the end of the sample is held back, not an error.
    const head = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 16_384), { stream: true });
    return /\.(csv|txt)$/i.test(name) || head.replace(/^\uFEFF/, '').startsWith('#') ? 'csv' : null;
  } catch {
    return null;
  }
}

async function judge(
  kind: SignedKind,
  manifest: Manifest,
  keys: readonly PublicJwk[],
  contentSha256: string,
  canonicalSha256?: () => Promise<string>,
): Promise<Verification> {
  const { code, kid, signed_at } = manifest;
  const problem = await checkManifest(manifest, keys);
  if (problem) return { authentic: false, reason: problem, kind, code, kid, signed_at };
  if (contentSha256 === manifest.sha256) return { authentic: true, kind, code, kid, signed_at };
  const resaved = canonicalSha256 && (await canonicalSha256()) === manifest.sha256;
  return { authentic: false, reason: resaved ? 'resaved' : 'content-changed', kind, code, kid, signed_at };
}

async function verifyPng(bytes: Uint8Array, keys: readonly PublicJwk[]): Promise<Verification> {
  const chunks = readPngChunks(bytes);
  // A broken PNG (truncated, a CRC that fails) is not what was served: every served PNG is whole.
  if (!chunks) return { authentic: false, reason: 'content-changed', kind: 'png' };
  const { content, manifests } = splitPng(bytes, chunks);
  if (manifests.length === 0) return { authentic: false, reason: 'no-manifest', kind: 'png' };
  const manifest = manifests.length === 1 ? parseManifest(manifests[0] as string) : null;
  if (!manifest) return { authentic: false, reason: 'malformed-manifest', kind: 'png' };
  return judge('png', manifest, keys, await sha256Hex(content));
}

async function verifyCsv(bytes: Uint8Array, keys: readonly PublicJwk[]): Promise<Verification> {
  const { content, lastLine } = splitLastLine(bytes);
  const line = manifestLineText(lastLine);
  if (!line) return { authentic: false, reason: 'no-manifest', kind: 'csv' };
  const manifest = parseManifest(line.text);
  if (!manifest) return { authentic: false, reason: 'malformed-manifest', kind: 'csv' };
  const canonical = async () => sha256Hex(strToU8(canonicalCsv(new TextDecoder().decode(content))));
  const verdict = await judge('csv', manifest, keys, await sha256Hex(content), canonical);
  // A re-saved manifest line with intact figures is still a re-saved file, even if the rest kept its bytes.
  return verdict.authentic && !line.exact ? { ...verdict, authentic: false, reason: 'resaved' } : verdict;
}

async function verifyPackage(bytes: Uint8Array, keys: readonly PublicJwk[]): Promise<Verification> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    return { authentic: false, reason: 'content-changed', kind: 'package' };
  }
  const signature = files[SIGNATURE_ENTRY];
  if (!signature) return { authentic: false, reason: 'no-manifest', kind: 'package' };
  const manifest = parseManifest(new TextDecoder().decode(signature));
  if (!manifest) return { authentic: false, reason: 'malformed-manifest', kind: 'package' };
  return judge('package', manifest, keys, await sha256Hex(strToU8(await checksumLines(files))));
}

/** Checks one file (its bytes and name) against the trusted public keys. */
export async function verifyFile(bytes: Uint8Array, name: string, keys: readonly PublicJwk[]): Promise<Verification> {
  if (bytes.length > MAX_FILE_BYTES) return { authentic: false, reason: 'too-large' };
  const kind = signedKind(bytes, name);
  if (kind === 'png') return verifyPng(bytes, keys);
  if (kind === 'csv') return verifyCsv(bytes, keys);
  if (kind === 'package') return verifyPackage(bytes, keys);
  return { authentic: false, reason: 'unsupported-type' };
}
