import { beforeAll, describe, expect, it } from 'vitest';
import { changePixel, fixCrcAround, type TestKey, testKey, testPng } from '../../../tests/support/signed-files.ts';
import { MANIFEST_KEYWORD, readPngChunks } from './png.ts';
import { signPng, stripPngManifest } from './sign.ts';
import { MAX_FILE_BYTES, verifyFile } from './verify.ts';

const CODE = '7K2QF-9XM4D';
const SIGNED_AT = '2026-12-06T12:00:00.000Z';
let key: TestKey;
let png: Uint8Array;
let signed: Uint8Array;

beforeAll(async () => {
  key = await testKey('test-2026');
  png = testPng();
  signed = await signPng(png, { code: CODE, signer: key.signer, signed_at: SIGNED_AT });
});

describe('signed PNGs', () => {
  it('verify as authentic with the code, kid and date, and strip back to the original bytes', async () => {
    expect(await verifyFile(signed, 'figure.png', [key.publicJwk])).toEqual({
      authentic: true,
      kind: 'png',
      code: CODE,
      kid: 'test-2026',
      signed_at: SIGNED_AT,
    });
    expect(stripPngManifest(signed)).toEqual(png);
    const chunks = readPngChunks(signed)?.map((chunk) => chunk.type);
    expect(chunks?.slice(-2)).toEqual(['iTXt', 'IEND']);
    expect(new TextDecoder().decode(signed)).toContain(`${MANIFEST_KEYWORD}\0\0\0\0\0{"code":"${CODE}"`);
  });

  it('replace an earlier manifest when signed again', async () => {
    const again = await signPng(signed, { code: '00000-11111', signer: key.signer, signed_at: SIGNED_AT });
    expect(readPngChunks(again)?.filter((chunk) => chunk.type === 'iTXt')).toHaveLength(1);
    expect(await verifyFile(again, 'x.png', [key.publicJwk])).toMatchObject({ authentic: true, code: '00000-11111' });
  });

  it('fail when one pixel changed', async () => {
    const altered = changePixel(signed);
    expect(readPngChunks(altered)).not.toBeNull();
    expect(await verifyFile(altered, 'figure.png', [key.publicJwk])).toMatchObject({
      authentic: false,
      reason: 'content-changed',
      code: CODE,
    });
  });

  it('fail when one IDAT byte changed, whether or not the CRC was fixed', async () => {
    const idat = readPngChunks(signed)?.find((chunk) => chunk.type === 'IDAT');
    const at = (idat?.start ?? 0) + 20;
    const flipped = signed.slice();
    flipped[at] = (flipped[at] ?? 0) ^ 0x40;
    for (const altered of [flipped, fixCrcAround(flipped, at)])
      expect(await verifyFile(altered, 'figure.png', [key.publicJwk])).toMatchObject({
        authentic: false,
        reason: 'content-changed',
      });
  });

  it('fail when one manifest byte changed (the signed date, the code, the signature, the version)', async () => {
    // windows-1252 maps each byte to one character, so string offsets are byte offsets.
    const text = new TextDecoder('windows-1252').decode(signed);
    const sigAt = text.indexOf('"sig":"') + 7;
    for (const [at, byte, reason] of [
      [text.indexOf('2026-12-06T12') + 9, '5', 'bad-signature'],
      [text.indexOf(CODE) + 10, 'E', 'bad-signature'],
      [sigAt, text[sigAt] === 'A' ? 'B' : 'A', 'bad-signature'],
      [text.indexOf('"v":1') + 4, '2', 'malformed-manifest'],
    ] as const) {
      const altered = signed.slice();
      altered[at] = byte.charCodeAt(0);
      expect(await verifyFile(fixCrcAround(altered, at), 'figure.png', [key.publicJwk])).toMatchObject({
        authentic: false,
        reason,
      });
      // Without the CRC fixed the file is broken, which is also a changed file.
      expect(await verifyFile(altered, 'figure.png', [key.publicJwk])).toMatchObject({ reason: 'content-changed' });
    }
  });

  it('fail when signed by a key that is not listed, or outside its validity', async () => {
    const other = await testKey('test-2026');
    expect(await verifyFile(signed, 'f.png', [other.publicJwk])).toMatchObject({ reason: 'bad-signature' });
    const stranger = await testKey('stranger');
    const bySTranger = await signPng(png, { code: CODE, signer: stranger.signer, signed_at: SIGNED_AT });
    expect(await verifyFile(bySTranger, 'f.png', [key.publicJwk])).toMatchObject({ reason: 'unknown-key' });
    const retired = { ...key.publicJwk, valid_until: '2026-06-30T00:00:00Z' };
    expect(await verifyFile(signed, 'f.png', [retired])).toMatchObject({ reason: 'key-not-valid-then' });
    const future = { ...key.publicJwk, valid_from: '2027-01-01' };
    expect(await verifyFile(signed, 'f.png', [future])).toMatchObject({ reason: 'key-not-valid-then' });
    const stillValid = { ...key.publicJwk, valid_until: '2026-12-31T00:00:00Z' };
    expect(await verifyFile(signed, 'f.png', [stillValid])).toMatchObject({ authentic: true });
  });

  it('say when there is no manifest, the bytes are no PNG, the PNG is cut short or the file is too large', async () => {
    expect(await verifyFile(png, 'figure.png', [key.publicJwk])).toEqual({
      authentic: false,
      reason: 'no-manifest',
      kind: 'png',
    });
    const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46);
    expect(await verifyFile(jpeg, 'figure.png', [key.publicJwk])).toEqual({
      authentic: false,
      reason: 'unsupported-type',
    });
    expect(await verifyFile(signed.subarray(0, signed.length - 30), 'figure.png', [key.publicJwk])).toMatchObject({
      authentic: false,
      reason: 'content-changed',
    });
    expect(await verifyFile(new Uint8Array(MAX_FILE_BYTES + 1), 'big.png', [key.publicJwk])).toEqual({
      authentic: false,
      reason: 'too-large',
    });
  });

  it('refuse to sign what is not a whole PNG or with a malformed code', async () => {
    await expect(signPng(png.subarray(0, 40), { code: CODE, signer: key.signer })).rejects.toThrow(/not a whole PNG/);
    await expect(signPng(png, { code: 'nope', signer: key.signer })).rejects.toThrow(/not a verification code/);
  });
});
