// Issue 31's numbers: what signing adds to an image answer, fresh (image cache off) and cached, measured over HTTP
// against the same route with `SIGNING=off` in the same run (two servers side by side, requests interleaved so
// load hits both alike), and what checking a signed story-size PNG costs (the verifier the page and CLI use).
// Timed over HTTP because workerd's clock stands still during CPU work: an in-Worker timer of the signature reads 0.
import { seedDemoData } from '../db/seed/seed.ts';
import { startTestServer } from '../e2e/support/server.ts';
import { SIZE_NAMES, TEMPLATE_PARAMS } from '../functions/domain/infographics.ts';
import { type PublicJwk, verifyFile } from '../functions/domain/signed-files/index.ts';
import { type BenchRow, percentile } from './lib/stats.ts';

const RUNS = Number(process.env.BENCH_RENDERS ?? 30);
const PROCESS = 'pel-2020-2021';

type Server = Awaited<ReturnType<typeof startTestServer>>;

async function timedFetch(url: string): Promise<{ ms: number; bytes: Uint8Array }> {
  const started = performance.now();
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return { ms: performance.now() - started, bytes };
}

/** Two demo servers that differ only in SIGNING; `extra` vars apply to both. */
async function pair(extra: Record<string, string>): Promise<{ off: Server; on: Server }> {
  const off = await startTestServer({ ...extra, SIGNING: 'off' });
  const on = await startTestServer(extra);
  await seedDemoData(off.url, { persistTo: off.persistTo, quiet: true });
  await seedDemoData(on.url, { persistTo: on.persistTo, quiet: true });
  return { off, on };
}

/** p50 over HTTP of `path` on each server, interleaved, after a warm-up of each. */
async function sideBySide(servers: { off: Server; on: Server }, path: string) {
  const samples = { off: [] as number[], on: [] as number[] };
  for (let i = 0; i < 5; i++) {
    await timedFetch(servers.off.url + path);
    await timedFetch(servers.on.url + path);
  }
  for (let i = 0; i < RUNS; i++) {
    // Alternate which one goes first, so neither always follows the other's work.
    const order = i % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const);
    for (const which of order) samples[which].push((await timedFetch(servers[which].url + path)).ms);
  }
  return { off: percentile(samples.off, 50), on: percentile(samples.on, 50) };
}

function imagePaths(): { name: string; path: string }[] {
  const paths: { name: string; path: string }[] = [];
  for (const template of Object.keys(TEMPLATE_PARAMS)) {
    const query = template === 'page-card' ? 'page=/es/' : `process=${PROCESS}`;
    for (const size of SIZE_NAMES) {
      paths.push({ name: `${template} ${size}`, path: `/api/v1/infographics/${template}.png?${query}&size=${size}` });
    }
  }
  return paths;
}

async function compare(rows: BenchRow[], label: string, extra: Record<string, string>, checkStory: boolean) {
  const servers = await pair(extra);
  let story: Uint8Array | null = null;
  try {
    const added: number[] = [];
    for (const { name, path } of imagePaths()) {
      const { off, on } = await sideBySide(servers, path);
      added.push(on - off);
      rows.push({ bench: 'signing', case: `${name}: ${label}, unsigned`, metric: 'p50', value: off, unit: 'ms' });
      rows.push({ bench: 'signing', case: `${name}: ${label}, signed`, metric: 'p50', value: on, unit: 'ms' });
    }
    rows.push({
      bench: 'signing',
      case: `every template and size: ${label}, signed − unsigned`,
      metric: 'median of p50 differences',
      value: percentile(added, 50),
      unit: 'ms',
    });
    rows.push({
      bench: 'signing',
      case: `every template and size: ${label}, signed − unsigned`,
      metric: 'largest p50 difference',
      value: Math.max(...added),
      unit: 'ms',
    });
    const storyPath = imagePaths().find(({ name }) => name === 'registrations-total story')?.path;
    if (checkStory && storyPath) story = (await timedFetch(servers.on.url + storyPath)).bytes;
    if (story) {
      const keys = (await (await fetch(`${servers.on.url}/.well-known/voto-extranjero-keys.json`)).json()) as {
        keys: PublicJwk[];
      };
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        const verdict = await verifyFile(story, 'story.png', keys.keys);
        times.push(performance.now() - started);
        if (!verdict.authentic) throw new Error(`the served story PNG does not verify: ${verdict.reason}`);
      }
      rows.push({
        bench: 'signing',
        case: `verify a story PNG (${story.length.toLocaleString('en')} B) in Node: first / p50 of 20`,
        metric: 'first',
        value: times[0] ?? Number.NaN,
        unit: 'ms',
      });
      rows.push({
        bench: 'signing',
        case: `verify a story PNG (${story.length.toLocaleString('en')} B) in Node: first / p50 of 20`,
        metric: 'p50',
        value: percentile(times, 50),
        unit: 'ms',
      });
    }
  } finally {
    await servers.off.stop();
    await servers.on.stop();
  }
}

/** Runs the signing benchmarks: fresh renders (cache off), then cached answers, each signed vs unsigned. */
export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  await compare(rows, 'fresh render (image cache off)', { INFOGRAPHICS_CACHE: 'off' }, true);
  await compare(rows, 'cached answer', {}, false);
  return rows;
}
