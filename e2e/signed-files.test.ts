// The files the site serves verify with an Ed25519 implementation other than the Worker's (Node's OpenSSL), against
// the keys the site publishes, and any changed byte fails. Formats: the contract, "Figures anyone can verify".
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { useSession } from './support/session.ts';

const session = useSession();
const PROCESS = 'pel-2022-2023';
const CUT = '2022-11-15';

interface Manifest {
  v: number;
  code: string;
  kid: string;
  signed_at: string;
  sha256: string;
  sig: string;
}

// RFC 8785 for a manifest (strings and one small integer): keys sorted, JSON.stringify's escapes.
const jcs = (value: Record<string, unknown>) =>
  `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(value[key])}`)
    .join(',')}}`;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function publishedKeys(): Promise<{ kid: string; x: string }[]> {
  const response = await fetch(`${session.server.url}/.well-known/voto-extranjero-keys.json`);
  expect(response.status).toBe(200);
  const set = (await response.json()) as { keys: { kty: string; crv: string; kid: string; x: string; use: string }[] };
  expect(set.keys.length).toBeGreaterThan(0);
  for (const key of set.keys) expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', use: 'sig' });
  return set.keys;
}

/** Whether the manifest vouches for `content`: the right hash, and a signature by a published key. */
async function authentic(manifest: Manifest, content: Uint8Array): Promise<boolean> {
  const key = (await publishedKeys()).find((k) => k.kid === manifest.kid);
  if (!key || sha256(content) !== manifest.sha256) return false;
  const { sig, ...unsigned } = manifest;
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x }, format: 'jwk' });
  return verify(null, Buffer.from(jcs(unsigned)), publicKey, Buffer.from(sig, 'base64url'));
}

/** A PNG's manifest (the iTXt chunk `voto-extranjero-manifest`) and the PNG without that chunk. */
function splitPng(png: Uint8Array): { manifest: Manifest; content: Uint8Array; idat: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const kept: Uint8Array[] = [png.subarray(0, 8)];
  let manifest: Manifest | null = null;
  let idat = -1;
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (type === 'iTXt') {
      const data = new TextDecoder().decode(png.subarray(at + 8, at + 8 + length));
      const [keyword] = data.split('\0');
      if (keyword === 'voto-extranjero-manifest') {
        // keyword \0 compression-flag compression-method language \0 translated \0 text
        const text = data.slice(data.indexOf('{'));
        manifest = JSON.parse(text) as Manifest;
        at = end;
        continue;
      }
    }
    if (type === 'IDAT' && idat < 0) idat = at + 8;
    kept.push(png.subarray(at, end));
    at = end;
  }
  if (!manifest) throw new Error('no manifest chunk');
  return { manifest, content: Buffer.concat(kept), idat };
}

async function download(path: string): Promise<Uint8Array> {
  const response = await fetch(`${session.server.url}${path}`);
  expect(response.status, path).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

describe('signed files', () => {
  it('PNGs carry a manifest naming the printed code, signed by a published key; a changed pixel or manifest fails', async () => {
    const query = `process=${PROCESS}&size=square`;
    const png = await download(`/api/v1/infographics/top-countries.png?${query}`);
    const info = (await (
      await fetch(`${session.server.url}/api/v1/infographics/top-countries.json?${query}`)
    ).json()) as {
      code: string;
    };
    const { manifest, content, idat } = splitPng(png);
    expect(manifest.code).toBe(info.code);
    expect(await authentic(manifest, content)).toBe(true);
    const pixel = content.slice();
    pixel[idat + 20] = (pixel[idat + 20] ?? 0) ^ 1;
    expect(await authentic(manifest, pixel)).toBe(false);
    expect(await authentic({ ...manifest, code: '00000-00000' }, content)).toBe(false);
    // `npm run -s verify` (offline, the local key of .dev.vars the server signs with) agrees.
    const dir = mkdtempSync(join(tmpdir(), 'signed-'));
    const check = (bytes: Uint8Array) => {
      const file = join(dir, 'image.png');
      writeFileSync(file, bytes);
      return spawnSync(process.execPath, ['scripts/verify.ts', file], { encoding: 'utf8' }).status;
    };
    expect(check(png)).toBe(0);
    const flipped = png.slice();
    flipped[idat + 20] = (flipped[idat + 20] ?? 0) ^ 1;
    expect(check(flipped)).toBe(1);
    // The code leads to its page.
    const short = await fetch(`${session.server.url}/v/${info.code}`, { redirect: 'manual' });
    expect(short.headers.get('location')).toBe(`/es/verificar/${info.code}/`);
    const page = await fetch(`${session.server.url}/es/verificar/${info.code}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(info.code);
  });

  it('view CSVs name the code first and end with the manifest line; a changed figure fails', async () => {
    const bytes = await download(`/api/v1/registrations/${PROCESS}/views/countries.csv?lang=en`);
    const text = new TextDecoder().decode(bytes);
    const lines = text.split('\r\n');
    const code = /^# verificación \/ verification: (\S+) (\S+)$/.exec(lines[0] ?? '');
    expect(code?.[2]).toBe(
      `${session.server.url.replace('127.0.0.1', new URL(session.server.url).hostname)}/v/${code?.[1]}`,
    );
    const last = text.lastIndexOf('# manifest: ');
    expect(last).toBeGreaterThan(0);
    const manifest = JSON.parse(text.slice(last + '# manifest: '.length).trim()) as Manifest;
    expect(manifest.code).toBe(code?.[1]);
    const content = new TextEncoder().encode(text.slice(0, last));
    expect(await authentic(manifest, content)).toBe(true);
    const changed = new TextEncoder().encode(text.slice(0, last).replace(/,(\d+),/, (_, n) => `,${Number(n) + 1},`));
    expect(await authentic(manifest, changed)).toBe(false);
  });

  it('cut packages hold signature.json over every other entry, and name the code in their metadata', async () => {
    const entries = unzipSync(await download(`/api/v1/registrations/${PROCESS}/cuts/${CUT}.zip`));
    const manifest = JSON.parse(new TextDecoder().decode(entries['signature.json'])) as Manifest;
    const lines = (files: Record<string, Uint8Array>) =>
      new TextEncoder().encode(
        Object.keys(files)
          .filter((name) => name !== 'signature.json')
          .sort()
          .map((name) => `${sha256(files[name] as Uint8Array)}  ${name}\n`)
          .join(''),
      );
    expect(await authentic(manifest, lines(entries))).toBe(true);
    const datapackage = JSON.parse(new TextDecoder().decode(entries['datapackage.json'])) as {
      verification: { code: string };
    };
    expect(datapackage.verification.code).toBe(manifest.code);
    expect(new TextDecoder().decode(entries['README.md'])).toContain(manifest.code);
    const altered = {
      ...entries,
      'country.csv': new TextEncoder().encode('code,label_es,label_en,count\r\nUS,,,1\r\n'),
    };
    expect(await authentic(manifest, lines(altered))).toBe(false);
    const record = await fetch(`${session.server.url}/api/v1/publications/${manifest.code}`);
    expect(((await record.json()) as { kind: string }).kind).toBe('package');
  });
});
