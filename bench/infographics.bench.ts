// Issue 7's benchmarks: warm render time of every template, size and language in `wrangler dev` (image cache
// off), phase by phase, with the PNG's size; the same 1200x630 card made by headless Chromium in the same run
// (warm: one page kept open, in rounds alternating with satori; cold: a browser launched per image, as a
// serverless function would), cached responses, and the Worker bundle with and without the image code.
import { seedDemoData } from '../db/seed/seed.ts';
import { launchChromium } from '../e2e/support/browser.ts';
import { startTestServer } from '../e2e/support/server.ts';
import { SIZE_NAMES, TEMPLATE_PARAMS } from '../functions/domain/infographics.ts';
import { coldShots, openCard, warmShots } from './lib/chromium-card.ts';
import { type BenchRow, percentile } from './lib/stats.ts';
import { bundles } from './lib/worker-bundle.ts';

const RUNS = Number(process.env.BENCH_RENDERS ?? 40);
// satori ÷ Chromium: rounds that alternate the two, each with its own p50s; the figure is the median round.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_RUNS = Number(process.env.BENCH_ROUND_RUNS ?? 30);
// Knobs for a shorter run while working on one part: BENCH_CASES, a pattern of the render cases to run ("story",
// "cut-changes (square|story)"); BENCH_PARTS, which parts run (renders, chromium, cached, bundles; default all).
const CASES = new RegExp(process.env.BENCH_CASES ?? '');
const PARTS = new Set((process.env.BENCH_PARTS ?? 'renders,chromium,cached,bundles').split(','));
const PROCESS = 'pel-2020-2021';
const QUERIES: Record<string, string> = {
  'registrations-total': `process=${PROCESS}`,
  'top-countries': `process=${PROCESS}`,
  'by-entity': `process=${PROCESS}`,
  modality: `process=${PROCESS}`,
  deadline: `process=${PROCESS}`,
  'cut-changes': `process=${PROCESS}`,
  'page-card': 'page=/es/',
};
// Each case in both languages: figures templates take `lang`, a page card is of a page in one language.
const IN_LANG: Record<string, (lang: string) => string> = {
  'page-card': (lang) => `page=/${lang}/`,
};
const LANG_NAMES = ['es', 'en'];

function caseQuery(template: string, lang: string): string {
  return IN_LANG[template]?.(lang) ?? `${QUERIES[template]}&lang=${lang}`;
}

// The states with applications in the demo process.
const STATES = ['03', '06', '08', '09', '12', '14', '16', '18', '22', '24', '32'];

type Add = (scenario: string, metric: string, value: number, unit: string) => void;

/** Time of `count` sequential requests (after a warm-up), and the Worker's own Server-Timing entries. */
async function measure(url: string, count: number, warmup = 5) {
  const total: number[] = [];
  const timings: Record<string, number[]> = {};
  for (let i = 0; i < warmup + count; i++) {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    if (i < warmup) continue;
    total.push(performance.now() - started);
    for (const [, name, dur] of (response.headers.get('server-timing') ?? '').matchAll(/(\w+);dur=([\d.]+)/g)) {
      const key = name ?? '';
      timings[key] = [...(timings[key] ?? []), Number(dur)];
    }
  }
  return { total, timings };
}

function addPercentiles(add: Add, scenario: string, samples: number[], what = '') {
  add(scenario, `p50${what}`, percentile(samples, 50), 'ms');
  add(scenario, `p99${what}`, percentile(samples, 99), 'ms');
}

async function renders(add: Add): Promise<void> {
  const server = await startTestServer({ INFOGRAPHICS_CACHE: 'off' });
  const renderP50s: number[] = [];
  try {
    await seedDemoData(server.url, { persistTo: server.persistTo, quiet: true });
    // The first image of an isolate also instantiates the Wasm modules, parses the fonts and fills the glyph cache.
    const first = await measure(
      `${server.url}/api/v1/infographics/registrations-total.png?${QUERIES['registrations-total']}`,
      1,
      0,
    );
    add(
      'registrations-total og: first image of a new isolate, inside the Worker',
      'time',
      first.timings.render?.[0] ?? Number.NaN,
      'ms',
    );
    const floor = await measure(`${server.url}/api/v1/ping`, 200);
    addPercentiles(add, 'GET /api/v1/ping (wrangler dev floor)', floor.total);
    for (const template of Object.keys(TEMPLATE_PARAMS)) {
      for (const size of SIZE_NAMES) {
        for (const lang of LANG_NAMES) {
          if (!PARTS.has('renders') || !CASES.test(`${template} ${size} ${lang}`)) continue;
          const url = `${server.url}/api/v1/infographics/${template}.png?${caseQuery(template, lang)}&size=${size}`;
          const { total, timings } = await measure(url, RUNS);
          addPercentiles(add, `${template} ${size} ${lang}: warm render over HTTP`, total);
          addPercentiles(add, `${template} ${size} ${lang}: render inside the Worker`, timings.render ?? []);
          for (const phase of ['layout', 'raster', 'png', 'sign']) {
            add(
              `${template} ${size} ${lang}: ${phase} phase inside the Worker`,
              'p50',
              percentile(timings[phase] ?? [], 50),
              'ms',
            );
          }
          const bytes = (await (await fetch(url)).arrayBuffer()).byteLength;
          add(`${template} ${size} ${lang}: PNG size`, 'size', bytes, 'B');
          renderP50s.push(percentile(timings.render ?? [], 50));
        }
      }
    }
    if (renderP50s.length > 0) {
      const which = process.env.BENCH_CASES ? `cases matching /${CASES.source}/` : 'every template, size and language';
      add(`${which}: slowest render inside the Worker`, 'p50', Math.max(...renderP50s), 'ms');
    }
    if (PARTS.has('chromium')) await versusChromium(add, server.url);
    // Warm renders repeat one image. Each state's card has words and figures this isolate has not drawn yet,
    // as after an ingest: their glyphs are rasterised on the way.
    if (PARTS.has('renders')) await unseenStates(add, server.url);
  } finally {
    await server.stop();
  }
}

/** Renders of cards whose words and figures the isolate has not drawn yet. */
async function unseenStates(add: Add, serverUrl: string): Promise<void> {
  const unseen: number[] = [];
  for (const entity of STATES) {
    const url = `${serverUrl}/api/v1/infographics/registrations-total.png?${QUERIES['registrations-total']}&entity=${entity}`;
    unseen.push(...((await measure(url, 1, 0)).timings.render ?? []));
  }
  addPercentiles(
    add,
    `registrations-total og: first card of each of ${STATES.length} states, inside the Worker`,
    unseen,
  );
}

/**
 * satori (the Worker over HTTP, image cache off) and warm Chromium making the same 1200x630 card, in alternating
 * rounds on the same machine, so a burst of load elsewhere hits both sides of a round: each round's ratio is of
 * its own p50s, and the figure is the median round (every round is reported).
 */
async function versusChromium(add: Add, serverUrl: string): Promise<void> {
  const url = `${serverUrl}/api/v1/infographics/registrations-total.png?${QUERIES['registrations-total']}`;
  const browser = await launchChromium({ full: true });
  const ratios: number[] = [];
  const satoriAll: number[] = [];
  const chromiumAll: number[] = [];
  try {
    const page = await openCard(browser);
    await warmShots(page, 5, 1);
    await measure(url, 0, 5);
    for (let round = 0; round < ROUNDS; round++) {
      let satori: number[] = [];
      let chromium: number[] = [];
      // Which side goes first alternates, so neither always runs right after the other.
      for (const side of round % 2 === 0 ? ['satori', 'chromium'] : ['chromium', 'satori']) {
        if (side === 'satori') satori = (await measure(url, ROUND_RUNS, 0)).total;
        else chromium = await warmShots(page, ROUND_RUNS, 6_574 + round * ROUND_RUNS);
      }
      const ratio = percentile(chromium, 50) / percentile(satori, 50);
      ratios.push(ratio);
      satoriAll.push(...satori);
      chromiumAll.push(...chromium);
      add(
        `satori vs warm Chromium, round ${round + 1}: ${percentile(chromium, 50).toFixed(1)} ÷ ${percentile(satori, 50).toFixed(1)} ms`,
        'speed-up',
        ratio,
        '×',
      );
    }
  } finally {
    await browser.close();
  }
  addPercentiles(add, 'satori, registrations-total og es over HTTP, all rounds', satoriAll);
  addPercentiles(add, 'Chromium, same 1200x630 card, warm (one page open), all rounds', chromiumAll);
  add(`satori vs warm Chromium (1200x630, p50), median of ${ROUNDS} rounds`, 'speed-up', percentile(ratios, 50), '×');
  add(`satori vs warm Chromium (1200x630, p50), lowest of ${ROUNDS} rounds`, 'speed-up', Math.min(...ratios), '×');
  await coldChromium(add, percentile(satoriAll, 50));
}

/** A browser launched per image, as a serverless function would. */
async function coldChromium(add: Add, satoriOg: number): Promise<void> {
  const cold = await coldShots(Math.min(RUNS, 12));
  addPercentiles(add, 'Chromium, same 1200x630 card, cold (browser per image)', cold);
  add('satori vs cold Chromium (1200x630, p50)', 'speed-up', percentile(cold, 50) / satoriOg, '×');
}

async function cached(add: Add): Promise<void> {
  const server = await startTestServer();
  try {
    await seedDemoData(server.url, { persistTo: server.persistTo, quiet: true });
    const url = `${server.url}/api/v1/infographics/registrations-total.png?process=${PROCESS}`;
    const { total, timings } = await measure(url, 200);
    addPercentiles(add, 'registrations-total og: cached, over HTTP', total);
    addPercentiles(add, 'registrations-total og: cached, time inside the Worker', timings.total ?? []);
  } finally {
    await server.stop();
  }
}

/** Runs the infographics benchmarks. */
export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const add: Add = (scenario, metric, value, unit) =>
    rows.push({ bench: 'infographics', case: scenario, metric, value, unit });
  await renders(add);
  if (PARTS.has('cached')) await cached(add);
  if (PARTS.has('bundles')) await bundles(add);
  return rows;
}
