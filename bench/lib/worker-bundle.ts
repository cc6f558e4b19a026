// The Worker's upload size with and without the image code (`wrangler deploy --dry-run`), for the infographics bench.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, OFFLINE_ENV, ROOT } from '../../scripts/lib/local-env.ts';

type Add = (scenario: string, metric: string, value: number, unit: string) => void;

/** Upload size of `wrangler deploy --dry-run` for an entry module. */
async function bundle(entry: string): Promise<{ raw: number; gzip: number }> {
  const outdir = await mkdtemp(join(tmpdir(), 'voto-dry-'));
  try {
    const result = spawnSync(bin('wrangler'), ['deploy', '--dry-run', '--outdir', outdir, entry], {
      cwd: ROOT,
      env: OFFLINE_ENV,
      encoding: 'utf8',
    });
    const match = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(`${result.stdout}${result.stderr}`);
    if (!match) throw new Error(`wrangler deploy --dry-run ${entry}:\n${result.stdout}${result.stderr}`);
    return { raw: Number(match[1]), gzip: Number(match[2]) };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

/** Adds the upload and gzip sizes of the Worker with and without the image code. */
export async function bundles(add: Add): Promise<void> {
  const withImages = await bundle('functions/index.ts');
  // The same Worker without the image routes: copies of the entry and of the API router that leave them out.
  const strip = async (file: string) =>
    (await readFile(join(ROOT, file), 'utf8'))
      .split('\n')
      .filter((line) => !/infographic\w*Routes/.test(line))
      .join('\n');
  const router = join(ROOT, 'functions', `.bench-no-images-api-${process.pid}.ts`);
  const entry = join(ROOT, 'functions', `.bench-no-images-${process.pid}.ts`);
  await writeFile(router, await strip('functions/api.ts'));
  await writeFile(
    entry,
    (await strip('functions/index.ts')).replace("'./api.ts'", `'./.bench-no-images-api-${process.pid}.ts'`),
  );
  try {
    const without = await bundle(entry);
    add('Worker bundle with the image code', 'upload', withImages.raw, 'KiB');
    add('Worker bundle with the image code', 'gzip', withImages.gzip, 'KiB');
    add('Worker bundle without the image code', 'upload', without.raw, 'KiB');
    add('Worker bundle without the image code', 'gzip', without.gzip, 'KiB');
  } finally {
    await rm(entry, { force: true });
    await rm(router, { force: true });
  }
}
