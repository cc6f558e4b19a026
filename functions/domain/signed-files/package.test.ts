import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestKey, testKey, testPackageFiles, zipFiles } from '../../../tests/support/signed-files.ts';
import { sha256Hex } from './bytes.ts';
import { checksumLines, SIGNATURE_ENTRY } from './package.ts';
import { signPackage, signPackageFiles } from './sign.ts';
import { verifyFile } from './verify.ts';

const CODE = 'C0T15-N0V22';
let key: TestKey;
let files: Record<string, Uint8Array>;
let signed: Uint8Array;

beforeAll(async () => {
  key = await testKey('test-2026');
  files = await signPackageFiles(testPackageFiles(), { code: CODE, signer: key.signer });
  signed = zipFiles(files);
});

describe('signed cut packages', () => {
  it('carry signature.json whose sha256 covers sorted `<sha256>  <name>` lines', async () => {
    const manifest = JSON.parse(new TextDecoder().decode(files[SIGNATURE_ENTRY]));
    const lines = await checksumLines(testPackageFiles());
    expect(lines.split('\n').map((line) => line.split('  ')[1])).toEqual([
      'README.md',
      'data/country.csv',
      'data/sex.csv',
      'datapackage.json',
      undefined,
    ]);
    expect(lines.split('\n')[0]).toBe(`${await sha256Hex(testPackageFiles()['README.md'] as Uint8Array)}  README.md`);
    expect(manifest.sha256).toBe(await sha256Hex(new TextEncoder().encode(lines)));
    expect(await verifyFile(signed, 'cut.zip', [key.publicJwk])).toMatchObject({
      authentic: true,
      kind: 'package',
      code: CODE,
    });
  });

  it('sign a zip as it is served (signPackage re-zips with signature.json added)', async () => {
    const zip = await signPackage(zipFiles(testPackageFiles()), { code: CODE, signer: key.signer });
    expect(Object.keys(unzipSync(zip)).sort()).toContain(SIGNATURE_ENTRY);
    expect(await verifyFile(zip, 'cut.zip', [key.publicJwk])).toMatchObject({ authentic: true });
  });

  it('fail when an entry is altered, added or removed', async () => {
    const altered = { ...files, 'data/country.csv': new TextEncoder().encode('code,count\r\nUS,1235\r\n') };
    const added = { ...files, 'extra.csv': new TextEncoder().encode('x\r\n') };
    const { 'data/sex.csv': _removed, ...removed } = files;
    for (const variant of [altered, added, removed])
      expect(await verifyFile(zipFiles(variant), 'cut.zip', [key.publicJwk])).toMatchObject({
        authentic: false,
        reason: 'content-changed',
        code: CODE,
      });
  });

  it('say when signature.json is missing or the zip is damaged', async () => {
    expect(await verifyFile(zipFiles(testPackageFiles()), 'cut.zip', [key.publicJwk])).toEqual({
      authentic: false,
      reason: 'no-manifest',
      kind: 'package',
    });
    expect(await verifyFile(signed.subarray(0, signed.length - 40), 'cut.zip', [key.publicJwk])).toMatchObject({
      authentic: false,
      reason: 'content-changed',
    });
  });
});
