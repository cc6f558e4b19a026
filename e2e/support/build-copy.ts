import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../scripts/lib/local-env.ts';

// Astro's caches: a build of another content folder leaves entries that point into it, and once that copy is
// deleted the repository's next build fails on them ("failed to resolve import astro:content-layer-deferred-module").
const CACHES = [join(ROOT, 'node_modules/.astro'), join(ROOT, '.astro')];
// One build from a copy at a time in this checkout: e2e files run two at once, and two builds (or one build and
// another's cache restore) writing the same caches would break each other.
const LOCK = join(tmpdir(), `voto-build-copy-${Buffer.from(ROOT).toString('base64url')}`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Takes the lock (a directory: creating it is atomic), taking it over from a holder that has died. */
async function lock(): Promise<void> {
  for (;;) {
    try {
      await mkdir(LOCK);
      await writeFile(join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(await readFile(join(LOCK, 'pid'), 'utf8').catch(() => ''));
    if (holder && !alive(holder)) await rm(LOCK, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Builds the real site (`astro build`, no search index) from the content folder under `contentRoot` into `outDir`
 * as on `day`, then puts Astro's caches back as they were, so the repository's own build is not affected.
 */
export async function buildFromCopy(contentRoot: string, outDir: string, day: string): Promise<void> {
  await lock();
  const saved = await mkdtemp(join(tmpdir(), 'voto-astro-cache-'));
  try {
    for (const [index, dir] of CACHES.entries())
      if (existsSync(dir)) await cp(dir, join(saved, String(index)), { recursive: true });
    try {
      await promisify(execFile)(join(ROOT, 'node_modules/.bin/astro'), ['build', '--silent'], {
        cwd: ROOT,
        env: {
          ...process.env,
          CONTENT_ROOT: contentRoot,
          ASTRO_OUT_DIR: outDir,
          CONTENT_DATE: day,
          ASTRO_TELEMETRY_DISABLED: '1',
        },
        maxBuffer: 64 * 1024 * 1024,
      });
    } finally {
      for (const [index, dir] of CACHES.entries()) {
        await rm(dir, { recursive: true, force: true });
        if (existsSync(join(saved, String(index)))) await cp(join(saved, String(index)), dir, { recursive: true });
      }
    }
  } finally {
    await rm(saved, { recursive: true, force: true });
    await rm(LOCK, { recursive: true, force: true });
  }
}
