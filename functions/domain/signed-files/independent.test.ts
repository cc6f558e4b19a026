// Cross-checks against an independent Ed25519 (Node's OpenSSL-backed node:crypto, not WebCrypto's import path) and
// an independent canonical form (sorted-key JSON.stringify, equal to JCS for the manifest's flat strings and 1).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestKey, testCsv, testKey, testPng } from '../../../tests/support/signed-files.ts';
import { sha256Hex, toBase64Url } from './bytes.ts';
import type { PublicJwk } from './keys.ts';
import { manifestChunkText, pngChunk, readPngChunks } from './png.ts';
import { signCsv, signPng, stripPngManifest } from './sign.ts';
import { verifyFile } from './verify.ts';

const CODE = 'AB12C-DE34F';

function sortedJson(object: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1))));
}

let key: TestKey;

beforeAll(async () => {
  key = await testKey('web-2026');
});

describe('an independent Ed25519 implementation', () => {
  it('verifies what signPng signs', async () => {
    const signed = await signPng(testPng(), { code: CODE, signer: key.signer });
    const text = readPngChunks(signed)
      ?.map(manifestChunkText)
      .find((found) => found !== null);
    const manifest = JSON.parse(text ?? '{}');
    const { sig, ...unsigned } = manifest;
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicJwk.x }, format: 'jwk' });
    expect(verify(null, Buffer.from(sortedJson(unsigned)), publicKey, Buffer.from(sig, 'base64url'))).toBe(true);
    expect(manifest.sha256).toBe(await sha256Hex(stripPngManifest(signed)));
    const tampered = Buffer.from(sortedJson({ ...unsigned, code: 'AB12C-DE34G' }));
    expect(verify(null, tampered, publicKey, Buffer.from(sig, 'base64url'))).toBe(false);
    // The private JWK the Worker holds is the same key to OpenSSL.
    const openssl = createPrivateKey({ key: { ...key.jwk }, format: 'jwk' });
    expect(createPublicKey(openssl).export({ format: 'jwk' }).x).toBe(key.publicJwk.x);
  });

  it('signs a PNG manifest that verifyFile accepts, and verifyFile refuses it once altered', async () => {
    const pair = generateKeyPairSync('ed25519');
    const x = pair.publicKey.export({ format: 'jwk' }).x as string;
    const published: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x, kid: 'openssl', valid_from: '2026-01-01' };
    const png = testPng(30, 20);
    const unsigned = {
      v: 1,
      code: CODE,
      kid: 'openssl',
      signed_at: '2026-12-06T00:00:00Z',
      sha256: await sha256Hex(png),
    };
    const sig = toBase64Url(sign(null, Buffer.from(sortedJson(unsigned)), pair.privateKey));
    const withSig = (signature: string) => {
      const manifest = JSON.stringify({ ...unsigned, sig: signature });
      const chunk = pngChunk('iTXt', new TextEncoder().encode(`voto-extranjero-manifest\0\0\0\0\0${manifest}`));
      return new Uint8Array([...png.subarray(0, -12), ...chunk, ...png.subarray(-12)]);
    };
    expect(await verifyFile(withSig(sig), 'x.png', [published])).toMatchObject({ authentic: true, kid: 'openssl' });
    // A real signature, but over another code: a whole, well-formed file whose signature does not hold.
    const other = toBase64Url(
      sign(null, Buffer.from(sortedJson({ ...unsigned, code: 'AB12C-DE34G' })), pair.privateKey),
    );
    expect(await verifyFile(withSig(other), 'x.png', [published])).toMatchObject({
      authentic: false,
      reason: 'bad-signature',
    });
  });

  it('reads a signed CSV the naive way: the last line after the last line break, the content every byte before', async () => {
    const signed = Buffer.from(await signCsv(testCsv('AB12C-DE34F'), { code: 'AB12C-DE34F', signer: key.signer }));
    const lastBreak = signed.lastIndexOf(0x0a);
    const lastLine = signed.subarray(lastBreak + 1).toString('utf8');
    expect(signed.toString('utf8').split(/\r?\n/).at(-1)).toBe(lastLine);
    expect(lastLine.startsWith('# manifest: ')).toBe(true);
    const { sig, ...unsigned } = JSON.parse(lastLine.slice('# manifest: '.length));
    expect(unsigned.sha256).toBe(
      createHash('sha256')
        .update(signed.subarray(0, lastBreak + 1))
        .digest('hex'),
    );
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicJwk.x }, format: 'jwk' });
    expect(verify(null, Buffer.from(sortedJson(unsigned)), publicKey, Buffer.from(sig, 'base64url'))).toBe(true);
  });
});
