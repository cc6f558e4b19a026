// The format runs inside workerd as the Worker will run it: WebCrypto Ed25519 and fflate, no Node APIs.

import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../infographics/engine/png.ts';
import { generateSigningJwk, importSigningKey, signCsv, signPackageFiles, signPng, verifyFile } from './index.ts';

describe('signed files in workerd', () => {
  it('signs and verifies a PNG, a CSV and a package with a key from the SIGNING_KEY JSON', async () => {
    const signer = await importSigningKey(JSON.stringify(await generateSigningJwk('workerd', '2026-01-01')));
    const input = { code: 'WRKRD-00001', signer };
    const keys = [signer.publicJwk];
    const png = encodePng({ width: 2, height: 1, channels: 3, scanlines: Uint8Array.of(0, 1, 2, 3, 4, 5, 6) });
    const csv = '# verificación / verification: WRKRD-00001 http://localhost/v/WRKRD-00001\r\na,b\r\n1,2\r\n';
    const files = await signPackageFiles({ 'a.csv': new TextEncoder().encode('a\r\n1\r\n') }, input);
    expect(await verifyFile(await signPng(png, input), 'x.png', keys)).toMatchObject({ authentic: true, kind: 'png' });
    expect(await verifyFile(await signCsv(csv, input), 'x.csv', keys)).toMatchObject({ authentic: true, kind: 'csv' });
    expect(await verifyFile(zipSync(files), 'x.zip', keys)).toMatchObject({ authentic: true, kind: 'package' });
    const tampered = await signCsv(csv.replace('1,2', '1,3'), input);
    tampered[tampered.indexOf(0x33)] = 0x34;
    expect(await verifyFile(tampered, 'x.csv', keys)).toMatchObject({ authentic: false, reason: 'content-changed' });
  });
});
