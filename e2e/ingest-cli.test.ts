// `npm run -s ingest` against a real `wrangler dev`: sends a file in batches, resumes, and points at file lines.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../scripts/token.ts';
import { runScript } from '../tests/support/run-script.ts';
import { putProcess } from './support/server.ts';
import { sharedServer } from './support/session.ts';

// The shared server: this file writes only to its own process, `test-cli`. Other files run beside it: it opens the day
// pel-2020-2021 does, and its slug sorts after the demo ones, so it never becomes the process pel-2022-2023 is
// compared with (the first of a tie would be).
const server = sharedServer();
let token: string;
let dir: string;

const HEADER = 'folio,received_on,country,entity,sex,age,modality,channel,credential,status';
const line = (i: number, entity = '09') => `C${i},2020-10-01,US,${entity},M,${20 + (i % 50)},postal,srve,cpve,revision`;

// Asynchronous, never spawnSync: a blocked event loop misses the server closing an idle keep-alive connection, and the
// test's next request would go into that dead socket.
const ingest = (...args: string[]) =>
  runScript('ingest.ts', ['--url', server.url, ...args], { env: { ...process.env, VOTO_TOKEN: token } });

beforeAll(async () => {
  token = await createToken('ingest', 'cli test', server.persistTo);
  dir = await mkdtemp(join(tmpdir(), 'voto-cli-'));
  const admin = await createToken('admin', 'processes', server.persistTo);
  const response = await putProcess(server.url, admin, 'test-cli', {
    name: { es: 'Prueba', en: 'Test' },
    registration_opens: '2020-09-01',
    registration_closes: '2021-03-10',
    election_day: null,
    entities: ['09', '14'],
    modalities: ['postal', 'internet'],
    // Published: the test reads its figures as the public would.
    published: true,
  });
  expect(response.status).toBe(201);
}, 120_000);

describe('npm run ingest', () => {
  it('sends a file in batches, and a second run changes nothing', async () => {
    const path = join(dir, 'good.csv');
    await writeFile(path, `${HEADER}\r\n${Array.from({ length: 2_500 }, (_, i) => line(i)).join('\r\n')}\r\n`);
    const first = await ingest('--process', 'test-cli', '--batch-rows', '1000', path);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('2,500 rows in 3 batches (0 already applied): 2,500 inserted');
    const again = await ingest('--process', 'test-cli', '--batch-rows', '1000', path);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      '2,500 rows in 3 batches (0 already applied): 0 inserted, 0 updated, 2,500 unchanged',
    );
    const summary = (await (await fetch(`${server.url}/api/v1/registrations/test-cli/summary`)).json()) as {
      total: number;
    };
    expect(summary.total).toBe(2_500);
  });

  it('ends with A when rows go A, then B, then A in three runs', async () => {
    const write = async (name: string, status: string) => {
      const path = join(dir, name);
      await writeFile(path, `${HEADER}\n${line(9_000).replace(/revision$/, status)}\n`);
      return path;
    };
    const [a, b] = [await write('a.csv', 'revision'), await write('b.csv', 'subsane')];
    // One run after another: the order A, B, A is the point.
    const outputs: string[] = [];
    for (const path of [a, b, a]) outputs.push((await ingest('--process', 'test-cli', path)).stdout);
    expect(outputs.map((out) => /(\d+) inserted, (\d+) updated/.exec(out)?.slice(1))).toEqual([
      ['1', '0'],
      ['0', '1'],
      ['0', '1'],
    ]);
    // Sending A once more changes nothing: the stored row is A's, not B's.
    expect((await ingest('--process', 'test-cli', a)).stdout).toContain('0 inserted, 0 updated, 1 unchanged');
  });

  it('stops at a bad batch and names the line of the file', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => line(1_000 + i));
    rows[24] = line(1_024, '15');
    const path = join(dir, 'bad.csv');
    await writeFile(path, `${HEADER}\n${rows.join('\n')}\n`);
    const result = await ingest('--process', 'test-cli', '--batch-rows', '10', path);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('batch 3 was refused');
    expect(result.stderr).toContain('20 rows in 2 earlier batches were applied');
    expect(result.stderr).toMatch(/line 26 entity: entity 15 is not one of this process's states/);
  });

  it('explains what is missing', async () => {
    const result = await runScript('ingest.ts', ['--process', 'x', 'file.csv'], {
      env: { ...process.env, VOTO_TOKEN: '' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('VOTO_TOKEN');
  });
});
