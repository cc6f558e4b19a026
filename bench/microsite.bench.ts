// The microsite: page weight of every page, JavaScript on content pages, Lighthouse scores, build times.
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { seedDemoData } from '../db/seed/seed.ts';
import { startTestServer } from '../e2e/support/server.ts';
import type { BenchRow } from './lib/stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'node_modules/.bin');
const ENV = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  ASTRO_TELEMETRY_DISABLED: '1',
  PATH: `${BIN}:${process.env.PATH}`,
};
const LIGHTHOUSE_PAGES = [
  '/es/',
  '/es/guias/registro-para-votar/',
  '/es/que-puedo-votar/',
  '/es/eventos/',
  // The live pages people open on phones: the dashboard and a partner's embed (its heaviest view, the map).
  '/es/dashboard/',
  '/embed/registrations?process=pel-2022-2023&view=countries&lang=es',
];
const SYNTHETIC_PAGES = 1_000;

/** Runs the microsite benchmarks; builds run first (they rewrite dist/), then a server measures the result. */
export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  rows.push(...(await buildTimes()));
  const server = await startTestServer();
  try {
    await seedDemoData(server.url, { persistTo: server.persistTo, quiet: true });
    rows.push(...(await pageWeights(server.url)));
    rows.push(...lighthouseScores(server.url));
  } finally {
    await server.stop();
  }
  return rows;
}

function timedBuild(env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  execFileSync(join(BIN, 'astro'), ['build', '--silent'], { cwd: ROOT, env, stdio: 'ignore' });
  return (performance.now() - start) / 1000;
}

/** Whole-site build (Astro, then Pagefind) and a synthetic content set of 1,000 MDX pages. */
async function buildTimes(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const astro = timedBuild(ENV);
  const start = performance.now();
  execFileSync(join(BIN, 'pagefind'), ['--site', 'dist', '--quiet'], { cwd: ROOT, env: ENV, stdio: 'ignore' });
  const pagefind = (performance.now() - start) / 1000;
  const pages = (await readdir(join(ROOT, 'dist'), { recursive: true })).filter((f) => f.endsWith('.html')).length;
  rows.push({
    bench: 'microsite',
    case: `build: site (${pages} HTML files)`,
    metric: 'astro',
    value: astro,
    unit: 's',
  });
  rows.push({
    bench: 'microsite',
    case: `build: site (${pages} HTML files)`,
    metric: 'pagefind',
    value: pagefind,
    unit: 's',
  });

  const synthetic = await mkdtemp(join(tmpdir(), 'voto-synthetic-'));
  try {
    await cp(join(ROOT, 'content'), join(synthetic, 'content'), { recursive: true });
    const paragraph =
      'Las personas que viven en el extranjero pueden tramitar su credencial en un consulado y registrarse para votar. ';
    for (const lang of ['es', 'en']) {
      const dir = join(synthetic, 'content/guides', lang);
      await mkdir(dir, { recursive: true });
      for (let i = 0; i < SYNTHETIC_PAGES / 2; i++) {
        const body = Array.from({ length: 8 }, (_, j) => `## Sección ${j + 1}\n\n${paragraph.repeat(6)}\n`).join('\n');
        const front = `---\ntitle: Guía sintética ${i}\ndescription: Una guía generada para medir el tiempo de compilación del sitio.\nupdated: 2026-11-23\nsection: informacion\norder: ${i + 10}\n---\n`;
        await writeFile(join(dir, `sintetica-${i}.mdx`), front + body);
      }
    }
    const seconds = timedBuild({ ...ENV, CONTENT_ROOT: synthetic, ASTRO_OUT_DIR: join(synthetic, 'dist') });
    rows.push({
      bench: 'microsite',
      case: `build: +${SYNTHETIC_PAGES} synthetic MDX pages`,
      metric: 'astro',
      value: seconds,
      unit: 's',
    });
  } finally {
    await rm(synthetic, { recursive: true, force: true });
  }
  return rows;
}

async function gzipOf(url: string): Promise<number> {
  return gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).byteLength;
}

/** Gzipped HTML + CSS + JS of every page in the sitemap (images excluded), and the JavaScript on content pages. */
async function pageWeights(base: string): Promise<BenchRow[]> {
  const xml = await (await fetch(`${base}/sitemap-0.xml`)).text();
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname);
  const assetSize = new Map<string, number>();
  const weights: { path: string; total: number; js: number }[] = [];
  for (const path of paths) {
    const html = await (await fetch(`${base}${path}`)).text();
    const assets = [...html.matchAll(/<(?:link rel="stylesheet"|script)[^>]*(?:href|src)="(\/[^"]+)"/g)].map(
      (m) => m[1] ?? '',
    );
    let total = gzipSync(html).byteLength;
    let js = 0;
    for (const asset of assets) {
      if (!assetSize.has(asset)) assetSize.set(asset, await gzipOf(`${base}${asset}`));
      const size = assetSize.get(asset) ?? 0;
      total += size;
      if (asset.endsWith('.js') && asset !== '/t.js') js += size;
    }
    weights.push({ path, total, js });
  }
  const sorted = [...weights].sort((a, b) => a.total - b.total);
  const heaviest = sorted.at(-1);
  const contentPages = weights.filter((w) => /^\/(es|en)\/(guias|noticias|eventos)\/[^/]+\/$/.test(w.path));
  return [
    {
      bench: 'microsite',
      case: `pages in sitemap (${weights.length})`,
      metric: 'median gzip',
      value: sorted[Math.floor(sorted.length / 2)]?.total ?? 0,
      unit: 'B',
    },
    { bench: 'microsite', case: `heaviest: ${heaviest?.path}`, metric: 'gzip', value: heaviest?.total ?? 0, unit: 'B' },
    {
      bench: 'microsite',
      case: 'pages over 60 KB gzip',
      metric: 'count',
      value: weights.filter((w) => w.total > 60_000).length,
      unit: 'pages',
    },
    {
      bench: 'microsite',
      case: `guide/news/event pages (${contentPages.length})`,
      metric: 'JS besides beacon',
      value: Math.max(0, ...contentPages.map((w) => w.js)),
      unit: 'B',
    },
    { bench: 'microsite', case: 'metrics beacon /t.js', metric: 'gzip', value: assetSize.get('/t.js') ?? 0, unit: 'B' },
  ];
}

/** Lighthouse (mobile profile, Debian Chromium) on the home, a guide, the finder, the events page, the dashboard and an embed. */
function lighthouseScores(base: string): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const path of LIGHTHOUSE_PAGES) {
    // Lighthouse on a busy 2-core machine sometimes loses the trace (NO_NAVSTART): one retry, then fail loudly.
    let result = spawnSync('true', { encoding: 'utf8' });
    for (let attempt = 0; attempt < 2; attempt++) {
      result = spawnSync(
        join(BIN, 'lighthouse'),
        [
          `${base}${path}`,
          '--chrome-path=/usr/bin/chromium',
          '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update',
          '--only-categories=performance,accessibility,best-practices,seo',
          '--output=json',
          '--output-path=stdout',
          '--quiet',
        ],
        { cwd: ROOT, env: ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      if (result.status === 0) break;
    }
    if (result.status !== 0) throw new Error(`lighthouse failed on ${path}: ${String(result.stderr).slice(0, 500)}`);
    const report = JSON.parse(result.stdout) as { categories: Record<string, { score: number }> };
    for (const [name, category] of Object.entries(report.categories)) {
      rows.push({
        bench: 'microsite',
        case: `lighthouse ${path}`,
        metric: name,
        value: Math.round(category.score * 100),
        unit: 'score',
      });
    }
  }
  return rows;
}
