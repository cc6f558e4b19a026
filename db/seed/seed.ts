// Loads the demo data into a running local Worker through the public API (the same path as a real feed).
import { readdir, readFile } from 'node:fs/promises';
import { mintToken } from '../../functions/auth/tokens.ts';
import { deleteToken, insertToken } from '../../functions/data/tokens.ts';
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
    .map(({ slug, data }) => ({ slug, body: feedBody(data) }));
}

// The reports' tables as ../shared/data extracts them (campaign figures, INETEL calls and contacts).
const OUTREACH_FILES = ['campaign_metrics.csv', 'inetel_calls.csv', 'inetel_contacts.csv'];

async function send(url: string, init: RequestInit, what: string): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 2_000)}`);
  return JSON.parse(text);
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
        { method: 'PUT', headers: { ...adminAuth, 'content-type': 'application/json' }, body: JSON.stringify(body) },
        `PUT process ${slug}`,
      );
      if (!PROCESS_SLUGS.includes(slug as ProcessSlug)) continue;
      const csv = toCsv(generateApplications(slug as ProcessSlug));
      const digest = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(csv))).toString('hex');
      const result = (await send(
        `${baseUrl}/api/v1/registrations/${slug}/batches`,
        {
          method: 'POST',
          headers: {
            ...auth,
            'content-type': 'text/csv',
            'idempotency-key': `demo-${slug}-${digest.slice(0, 32)}`,
            'data-as-of': REPORT_CUT_OFF[slug as ProcessSlug],
          },
          body: csv,
        },
        `demo applications for ${slug}`,
      )) as { rows: number; inserted: number; updated: number };
      if (!quiet)
        console.log(
          `› demo data ${slug}: ${result.rows} applications (${result.inserted} new, ${result.updated} updated)`,
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
