// The signed-files format in one import (contract, "Figures anyone can verify"): the Worker signs with it, the
// browser checker, `npm run verify` and the tests verify with it. This list is the module's stable API.
export { sha256Hex } from './bytes.ts';
export { CODE_LINE_PREFIX, MANIFEST_LINE_PREFIX } from './csv.ts';
export { canonicalJson } from './jcs.ts';
export {
  generateSigningJwk,
  importSigningKey,
  type KeySet,
  KeySetSchema,
  type PrivateJwk,
  PrivateJwkSchema,
  type PublicJwk,
  PublicJwkSchema,
  parseKeySet,
  publicJwkFromPrivate,
  type SigningKey,
} from './keys.ts';
export { CODE_PATTERN, type Manifest, ManifestSchema, type SignInput } from './manifest.ts';
export { codeUrl, verdictSentence } from './messages.ts';
export { SIGNATURE_ENTRY } from './package.ts';
export { MANIFEST_KEYWORD } from './png.ts';
export { signCsv, signPackage, signPackageFiles, signPng, stripPngManifest } from './sign.ts';
export { type FailureReason, MAX_FILE_BYTES, type SignedKind, type Verification, verifyFile } from './verify.ts';
