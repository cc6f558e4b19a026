// Loads the demo data into a running local Worker through the public API (the same path as a real feed).
import { readdir, readFile } from 'node:fs/promises';
import { deleteToken, insertToken } from '../../functions/auth/token-store.ts';
import { mintToken } from '../../functions/auth/tokens.ts';
import { mexicoCityTime } from '../../functions/cuts/calendar.ts';
import type { ProcessBody } from '../../functions/domain/registration.ts';
import { withLocalDb } from '../../scripts/lib/local-db.ts';
import { feedBody } from '../../site/content/process-feed.ts';
import { processSchema } from '../../site/content/schemas.ts';
import { generateApplications, toCsv } from './generate.ts';
import { PROCESS_SLUGS, type ProcessSlug } from './published.ts';

/**
 * The moment each demo process's figures describe: the cut-off of the report they reproduce (30 November 2020 and
 * 15 November 2022, noon in Mexico City), sent as `Data-As-Of` so pages never date them by the day of loading.
 */
const REPORT_CUT_OFF: Record<ProcessSlug, string> = {
  'pel-2020-2021': '2020-11-30T18:00:00Z',
  'pel-2022-2023': '2022-11-15T18:00:00Z',
};

/**
 * The cuts of the fortnightly reports each demo process has (the last one is the report's cut-off): for 2022-2023
 * the reports' own dates, for 2020-2021 every fortnight to 30 November 2020.
 */
export const REPORT_CUTS: Record<ProcessSlug, string[]> = {
  'pel-2020-2021': ['2020-09-15', '2020-09-30', '2020-10-15', '2020-10-31', '2020-11-15', '2020-11-30'],
  'pel-2022-2023': ['2022-09-15', '2022-09-30', '2022-10-16', '2022-10-31', '2022-11-15'],
};

/** The end of a Mexico City day as an RFC 3339 UTC moment (its offset from the runtime's time-zone data). */
function endOfMexicoCityDay(date: string): string {
  for (const offset of [5, 6]) {
    const moment = new Date(Date.parse(`${date}T23:59:00Z`) + offset * 3_600_000);
    if (mexicoCityTime(moment).date === date && mexicoCityTime(moment).hour === 23) {
      return moment.toISOString().replace('.000Z', 'Z');
    }
  }
  throw new Error(`no 23:59 in Mexico City on ${date}`);
}

const PROCESSES_DIR = new URL('../../content/processes/', import.meta.url);

/**
 * The demo processes as defined once in content/processes/*.json, as the body of
 * `PUT /api/v1/processes/{slug}`: only those the reports publish registration figures for.
 */
export async function demoProcesses(): Promise<{ slug: string; body: ProcessBody }[]> {
  const files = (await readdir(PROCESSES_DIR)).filter((file) => file.endsWith('.json')).sort();
  const processes = await Promise.all(
    files.map(async (file) => ({
      slug: file.replace(/\.json$/, ''),
      data: processSchema.parse(JSON.parse(await readFile(new URL(file, PROCESSES_DIR), 'utf8'))),
    })),
  );
  return processes
    .filter(({ data }) => data.has_registration_data)
    .map(({ slug, data }) => ({ slug, body: demoBody(slug, feedBody(data)) }));
}

// The reports' promotion tables (campaign figures, INETEL calls and contacts): copies in db/seed/outreach/ of
// ../shared/data's files, so the Worker tests can import them too; outreach-copies.test.ts keeps them identical.
const OUTREACH_FILES = ['campaign_metrics.csv', 'inetel_calls.csv', 'inetel_contacts.csv'];

/**
 * The reports publish totals, not days: the generator models the day-by-day series of the processes it fills, so
 * their definition says so (`illustrative`) and every page, embed, image and CSV labels that series.
 */
function demoBody(slug: string, body: ProcessBody): ProcessBody {
  return PROCESS_SLUGS.includes(slug as ProcessSlug) ? { ...body, illustrative: ['daily'] } : body;
}

async function send(url: string, init: RequestInit, what: string, accept: number[] = []): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok && !accept.includes(response.status))
    throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 2_000)}`);
  return JSON.parse(text);
}

/**
 * Loads one demo process's applications as the fortnightly reports saw them: the applications received up to
 * each report's date, dated (`Data-As-Of`) at the end of that day, then that date's cut; the last part is dated
 * by the report's cut-off. Its final cut reproduces the report's tables. A database loaded before cuts existed
 * already has every application, so its earlier cuts cannot be rebuilt: only the last one is taken there.
 */
async function loadProcess(
  baseUrl: string,
  slug: ProcessSlug,
  auth: { authorization: string },
  adminAuth: { authorization: string },
): Promise<{ rows: number; inserted: number; updated: number }> {
  const applications = generateApplications(slug);
  const cuts = REPORT_CUTS[slug];
  const listed = (await send(`${baseUrl}/api/v1/registrations/${slug}/cuts`, {}, `cuts of ${slug}`)) as unknown[];
  const before = (await send(`${baseUrl}/api/v1/registrations/${slug}/summary`, {}, `summary of ${slug}`)) as {
    total: number;
  };
  const rebuildable = listed.length > 0 || before.total === 0;
  const totals = { rows: 0, inserted: 0, updated: 0 };
  let from = '';
  for (const [i, cut] of cuts.entries()) {
    const last = i === cuts.length - 1;
    const part = applications.filter((a) => a.received_on > from && (last || a.received_on <= cut));
    from = cut;
    const csv = toCsv(part);
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(csv))).toString('hex');
    const result = (await send(
      `${baseUrl}/api/v1/registrations/${slug}/batches`,
      {
        method: 'POST',
        headers: {
          ...auth,
          'content-type': 'text/csv',
          'idempotency-key': `demo-${slug}-${digest.slice(0, 32)}`,
          'data-as-of': last ? REPORT_CUT_OFF[slug] : endOfMexicoCityDay(cut),
        },
        body: csv,
      },
      `demo applications for ${slug} to ${cut}`,
    )) as { rows: number; inserted: number; updated: number };
    totals.rows += result.rows;
    totals.inserted += result.inserted;
    totals.updated += result.updated;
    if (!rebuildable && !last) continue;
    // 409: the cut was taken by an earlier load; a cut never changes.
    await send(
      `${baseUrl}/api/v1/registrations/${slug}/cuts`,
      {
        method: 'POST',
        headers: { ...adminAuth, 'content-type': 'application/json' },
        body: JSON.stringify({ date: cut }),
      },
      `cut ${cut} of ${slug}`,
      [409],
    );
  }
  return totals;
}

/**
 * Loads the demo processes and their generated applications into the Worker at `baseUrl`.
 * Running it again changes nothing: identical PUTs keep the data version, and each batch's
 * Idempotency-Key is derived from its content, so a resend replays the stored answer.
 */
export async function seedDemoData(
  baseUrl: string,
  { persistTo, quiet = false }: { persistTo?: string; quiet?: boolean } = {},
): Promise<void> {
  // Short-lived tokens, as a real deployment has: admin defines the processes, ingest feeds them, staff
  // imports the outreach figures.
  const [admin, ingest, staff] = [await mintToken(), await mintToken(), await mintToken()];
  await withLocalDb(async (db) => {
    await insertToken(db, { id: admin.id, scope: 'admin', name: 'demo seed (temporary)', hash: admin.hash });
    await insertToken(db, { id: ingest.id, scope: 'ingest', name: 'demo seed (temporary)', hash: ingest.hash });
    await insertToken(db, { id: staff.id, scope: 'staff', name: 'demo seed (temporary)', hash: staff.hash });
  }, persistTo);
  const adminAuth = { authorization: `Bearer ${admin.token}` };
  const auth = { authorization: `Bearer ${ingest.token}` };
  try {
    for (const { slug, body } of await demoProcesses()) {
      await send(
        `${baseUrl}/api/v1/processes/${slug}`,
        // The demo's processes are real ones: published, so the site shows them to everyone.
        {
          method: 'PUT',
          headers: { ...adminAuth, 'content-type': 'application/json' },
          body: JSON.stringify({ ...body, published: true }),
        },
        `PUT process ${slug}`,
      );
      if (!PROCESS_SLUGS.includes(slug as ProcessSlug)) continue;
      const result = await loadProcess(baseUrl, slug as ProcessSlug, auth, adminAuth);
      if (!quiet)
        console.log(
          `› demo data ${slug}: ${result.rows} applications (${result.inserted} new, ${result.updated} updated), cuts ${REPORT_CUTS[slug as ProcessSlug].join(', ')}`,
        );
    }
    // The reports' promotion tables, so the staff page shows the 2019, 2020, 2022 and 2024 report periods.
    for (const file of OUTREACH_FILES) {
      const body = await readFile(new URL(`./outreach/${file}`, import.meta.url), 'utf8');
      const route = file.startsWith('inetel_') ? 'inetel' : 'figures';
      const result = (await send(
        `${baseUrl}/api/v1/outreach/${route}`,
        { method: 'POST', headers: { authorization: `Bearer ${staff.token}`, 'content-type': 'text/csv' }, body },
        `outreach figures ${file}`,
      )) as { rows: number; inserted: number; updated: number };
      if (!quiet)
        console.log(`› demo data ${file}: ${result.rows} rows (${result.inserted} new, ${result.updated} updated)`);
    }
  } finally {
    await withLocalDb(async (db) => {
      await deleteToken(db, admin.id);
      await deleteToken(db, ingest.id);
      await deleteToken(db, staff.id);
    }, persistTo);
  }
}
