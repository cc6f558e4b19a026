// Cut packages: `signature.json` in the zip holds the manifest; its `sha256` covers the checksum lines of every
// other entry, `<sha256 hex>  <entry name>\n`, sorted by name (the format of `sha256sum`).
import { sha256Hex } from './bytes.ts';

/** The zip entry that holds the manifest. */
export const SIGNATURE_ENTRY = 'signature.json';

/** True when the bytes start like a zip file (a local file header, or the end record of an empty zip). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && bytes[3] === bytes[2] + 1;
}

/** The checksum lines of a package's entries other than the signature, sorted by name (UTF-16 code units). */
export async function checksumLines(files: Readonly<Record<string, Uint8Array>>): Promise<string> {
  const names = Object.keys(files)
    .filter((name) => name !== SIGNATURE_ENTRY)
    .sort();
  const lines = await Promise.all(
    names.map(async (name) => `${await sha256Hex(files[name] as Uint8Array)}  ${name}\n`),
  );
  return lines.join('');
}
