// Fixtures for the signed-files tests (unit, CLI and browser): real PNGs from the infographics encoder, signing
// keys, a cut-like zip and a view-like CSV, all made in the test so nothing signed is committed.
import { deflateSync, inflateSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { crc32 } from '../../functions/domain/signed-files/bytes.ts';
import {
  generateSigningJwk,
  importSigningKey,
  type PrivateJwk,
  type PublicJwk,
  type SigningKey,
} from '../../functions/domain/signed-files/index.ts';
import { encodePng } from '../../functions/infographics/engine/png.ts';

/** A test signing key: its private JWK, the key to sign with and its public half as listed in a key set. */
export interface TestKey {
  jwk: PrivateJwk;
  signer: SigningKey;
  publicJwk: PublicJwk;
}

/** A fresh Ed25519 key valid from `validFrom` (and until `validUntil` when given, as a retired key is listed). */
export async function testKey(kid: string, validFrom = '2026-01-01T00:00:00Z', validUntil?: string): Promise<TestKey> {
  const jwk = await generateSigningJwk(kid, validFrom);
  const signer = await importSigningKey(jwk);
  return { jwk, signer, publicJwk: { ...signer.publicJwk, ...(validUntil ? { valid_until: validUntil } : {}) } };
}

/** An opaque RGB PNG with a gradient and a bar, `width` × `height` (deflated by the infographics encoder). */
export function testPng(width = 64, height = 48): Uint8Array {
  const stride = width * 3 + 1;
  const scanlines = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * stride + 1 + x * 3;
      const bar = y > height / 3 && y < (2 * height) / 3 && x < width * 0.7;
      scanlines.set(bar ? [0, 104, 71] : [250, (x * 255) / width, (y * 255) / height], at);
    }
  }
  return encodePng({ width, height, channels: 3, scanlines });
}

/** The PNG with one pixel's red byte changed (IDAT inflated, changed, deflated again, CRC recomputed). */
export function changePixel(png: Uint8Array, x = 3, y = 2): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const width = view.getUint32(16);
  let offset = 8;
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    if (type === 'IDAT') {
      const pixels = new Uint8Array(inflateSync(png.subarray(offset + 8, offset + 8 + length)));
      const at = y * (width * 3 + 1) + 1 + x * 3;
      pixels[at] = (pixels[at] ?? 0) ^ 0x01;
      const data = new Uint8Array(deflateSync(pixels));
      const chunk = new Uint8Array(12 + data.length);
      const out = new DataView(chunk.buffer);
      out.setUint32(0, data.length);
      chunk.set(png.subarray(offset + 4, offset + 8), 4);
      chunk.set(data, 8);
      out.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
      return new Uint8Array([...png.subarray(0, offset), ...chunk, ...png.subarray(offset + 12 + length)]);
    }
    offset += 12 + length;
  }
  throw new Error('No IDAT chunk.');
}

/** Recomputes the CRC of the chunk that contains byte `at`, as a careful forger would after editing it. */
export function fixCrcAround(png: Uint8Array, at: number): Uint8Array {
  const out = png.slice();
  const view = new DataView(out.buffer);
  let offset = 8;
  while (offset < out.length) {
    const length = view.getUint32(offset);
    if (at < offset + 12 + length) {
      view.setUint32(offset + 8 + length, crc32(out.subarray(offset + 4, offset + 8 + length)));
      return out;
    }
    offset += 12 + length;
  }
  throw new Error('Offset past the end.');
}

/** A view CSV as the site writes it: the code line, a header and figures, CRLF, quoted where needed. */
export function testCsv(code: string): string {
  return [
    `# verificación / verification: ${code} http://localhost:8787/v/${code}`,
    'code,label_es,label_en,count',
    'US,Estados Unidos,United States,1234',
    'CA,Canadá,"Canada, north",567',
    'OTHER,"Otros ""países""",Other countries,89',
    '',
  ].join('\r\n');
}

/** A cut-like package: three CSVs and a README, zipped with a fixed date as the cut package is. */
export function testPackageFiles(): Record<string, Uint8Array> {
  const encoder = new TextEncoder();
  return {
    'README.md': encoder.encode('# Corte al 15 de noviembre\n'),
    'datapackage.json': encoder.encode('{"name":"cut"}'),
    'data/country.csv': encoder.encode('code,count\r\nUS,1234\r\n'),
    'data/sex.csv': encoder.encode('code,count\r\nF,700\r\nM,600\r\n'),
  };
}

/** Files zipped as the cut package is (one fixed modification time). */
export function zipFiles(files: Record<string, Uint8Array>): Uint8Array {
  const mtime = new Date('2026-11-15T12:00:00Z');
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, [bytes, { mtime }]])));
}
