// `npm run -s verify` as a reader runs it: a child process on files signed in the test, then altered.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCsv, signPackageFiles, signPng } from '../functions/domain/signed-files/index.ts';
import { runScript, type ScriptRun } from '../tests/support/run-script.ts';
import {
  changePixel,
  type TestKey,
  testCsv,
  testKey,
  testPackageFiles,
  testPng,
  zipFiles,
} from '../tests/support/signed-files.ts';
import { devVar, localKeys } from './verify.ts';

// Each run starts Node on the TypeScript sources (a few seconds on a shared 2-core machine): results, not time.
const SLOW = 120_000;

const CODE = '7K2QF-9XM4D';
let dir: string;
let key: TestKey;
let keysFile: string;
let server: Server;

/** Runs the CLI (asynchronously, so the key server in this process can answer it). */
function verify(...args: string[]): Promise<ScriptRun> {
  return runScript('verify.ts', args, { cwd: dir });
}

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verify-cli-'));
  key = await testKey('cli-2026');
  keysFile = write('keys.json', JSON.stringify({ keys: [key.publicJwk] }));
  const input = { code: CODE, signer: key.signer, signed_at: '2026-12-06T10:00:00.000Z' };
  const png = await signPng(testPng(), input);
  write('figure.png', png);
  write('pixel.png', changePixel(png));
  const csv = new TextDecoder().decode(await signCsv(testCsv(CODE), input));
  write('view.csv', csv);
  write('figure.csv', csv.replace('1234', '1243'));
  write('resaved.csv', csv.replaceAll('\r\n', '\n'));
  // One byte of the manifest: its signing time, a second later.
  const signedAt = csv.lastIndexOf('10:00:00.000Z');
  write('manifest.csv', `${csv.slice(0, signedAt)}10:00:01.000Z${csv.slice(signedAt + '10:00:00.000Z'.length)}`);
  const files = await signPackageFiles(testPackageFiles(), input);
  write('cut.zip', zipFiles(files));
  write('removed.zip', zipFiles({ ...files, 'data/sex.csv': new Uint8Array(0) }));
  write('photo.jpg', Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 1, 2, 3));
  server = createServer((request, response) => {
    const found = request.url === '/.well-known/voto-extranjero-keys.json';
    response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    response.end(found ? JSON.stringify({ keys: [key.publicJwk] }) : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(() => {
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run -s verify', { timeout: SLOW }, () => {
  it('says authentic, with the code, kid, signed_at and /v/ URL, and exits 0 for each kind', async () => {
    for (const [file, kind] of [
      ['figure.png', 'png'],
      ['view.csv', 'csv'],
      ['cut.zip', 'package'],
    ] as const) {
      const result = await verify(file, '--keys', keysFile);
      expect(result.stdout).toBe(
        `${file}: authentic ${kind}, code ${CODE}, kid cli-2026, signed_at 2026-12-06T10:00:00.000Z, http://localhost:8787/v/${CODE}\n`,
      );
      expect(result.code).toBe(0);
    }
  });

  it('says why not and exits 1 for a changed pixel, figure, manifest byte or entry, a re-save, another type or an unknown key', async () => {
    for (const [file, reason] of [
      ['pixel.png', 'content-changed'],
      ['figure.csv', 'content-changed'],
      ['manifest.csv', 'bad-signature'],
      ['resaved.csv', 'resaved'],
      ['removed.zip', 'content-changed'],
      ['photo.jpg', 'unsupported-type'],
    ] as const) {
      const result = await verify(file, '--keys', keysFile);
      expect(result.stdout).toMatch(new RegExp(`^${file.replace('.', '\\.')}: \\[${reason}\\] `));
      expect(result.code).toBe(1);
    }
    const offline = await verify('figure.png');
    expect(offline.stdout).toContain('[unknown-key] Not authentic: it is signed with a key Voto Extranjero does not');
    expect(offline.code).toBe(1);
  });

  it('fetches the keys only when asked, from the given site', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const fetched = await verify('figure.png', '--fetch-keys', base);
    expect(fetched.stdout).toBe(
      `figure.png: authentic png, code ${CODE}, kid cli-2026, signed_at 2026-12-06T10:00:00.000Z, ${base}/v/${CODE}\n`,
    );
    expect(fetched.code).toBe(0);
  });

  it('exits 2 on a usage error, a missing file or keys it cannot read', async () => {
    expect((await verify()).code).toBe(2);
    expect((await verify('nothing.png')).stderr).toContain('nothing.png: no such file');
    expect((await verify('figure.png', '--keys', 'figure.png')).code).toBe(2);
    const unreachable = await verify('figure.png', '--fetch-keys', 'http://127.0.0.1:9');
    expect(unreachable.stderr).toContain('could not read the keys');
    expect(unreachable.code).toBe(2);
  });
});

describe('the local keys of .dev.vars', () => {
  it('reads SIGNING_KEY as written raw, single-quoted or double-quoted, and the retired keys', async () => {
    const jwk = JSON.stringify(key.jwk);
    const retired = JSON.stringify([{ ...key.publicJwk, kid: 'old', valid_until: '2026-06-01' }]);
    for (const line of [`SIGNING_KEY=${jwk}`, `SIGNING_KEY='${jwk}'`, `SIGNING_KEY=${JSON.stringify(jwk)}`]) {
      expect(devVar(`OTHER=1\n${line}\n`, 'SIGNING_KEY')).toBe(jwk);
    }
    const keys = localKeys(`SIGNING_KEY='${jwk}'\nRETIRED_SIGNING_KEYS='${retired}'\n`);
    expect(keys.map((k) => [k.kid, k.x])).toEqual([
      ['cli-2026', key.publicJwk.x],
      ['old', key.publicJwk.x],
    ]);
    expect(JSON.stringify(keys)).not.toContain(key.jwk.d);
  });
});
