// Entry point of the demo-data generator: builds every application of a process from its published tables and
// writes them as CSV or NDJSON (`node db/seed/generate.ts --process <slug> [--format csv|ndjson]`).
// The steps live beside it: blocks.ts (published tables → blocks), fill.ts (fields), daily.ts (dates).
import type { EntityCode } from '../../functions/domain/entities.ts';
import { APPLICATION_FIELDS } from '../../functions/domain/registration.ts';
import { toCsv as csvText } from '../../functions/shared/csv.ts';
import { publishedBlocks } from './blocks.ts';
import { assignDates } from './daily.ts';
import type { Draft } from './draft.ts';
import { fillBlock } from './fill.ts';
import { streamFor } from './prng.ts';
import {
  type Channel,
  type Credential,
  type Modality,
  PROCESS_SLUGS,
  type ProcessSlug,
  type Sex,
  type Status,
} from './published.ts';

/** One demo registration application (the platform's public record contract). */
export interface Application {
  folio: string;
  received_on: string;
  country: string;
  entity: EntityCode;
  sex: Sex;
  age: number;
  modality: Modality;
  channel: Channel;
  credential: Credential;
  status: Status;
}

/** Field order of the CSV/NDJSON output: the contract's, from the one domain module. */
export { APPLICATION_FIELDS };

interface ProcessConfig {
  /** Folio prefix: E + the election year. */
  readonly folioPrefix: string;
  /** Days with a known registration drive (more requests than the trend). */
  readonly busyDays: readonly string[];
}

const CONFIG: Readonly<Record<ProcessSlug, ProcessConfig>> = {
  'pel-2020-2021': { folioPrefix: 'E21', busyDays: [] },
  // 002 §3: the virtual "Jornada de Registro" of 20 Oct 2022 walked people through registering.
  'pel-2022-2023': { folioPrefix: 'E23', busyDays: ['2022-10-20', '2022-10-21'] },
};

function finish(d: Draft, folio: string): Application {
  const { country, entity, sex, age, modality, channel, credential, status, receivedOn } = d;
  if (
    sex === undefined ||
    age === undefined ||
    modality === undefined ||
    channel === undefined ||
    credential === undefined ||
    status === undefined ||
    receivedOn === undefined
  ) {
    throw new Error(`generate: record ${folio} was left incomplete`);
  }
  return { folio, received_on: receivedOn, country, entity, sex, age, modality, channel, credential, status };
}

/** Every demo application of a process, in folio order; identical on every run. */
export function generateApplications(slug: ProcessSlug): Application[] {
  if (!PROCESS_SLUGS.includes(slug)) throw new Error(`generateApplications: unknown process ${JSON.stringify(slug)}`);
  const blocks = publishedBlocks(slug);
  for (const block of blocks) fillBlock(block);
  const drafts = blocks.flatMap((b) => b.drafts);
  assignDates(slug, drafts, CONFIG[slug].busyDays);
  // Folios are issued in order of receipt, as a registration system would.
  const tiebreak = streamFor(slug, 'folio');
  const order = drafts
    .map((d) => ({ d, key: tiebreak() }))
    .sort((a, b) => (a.d.receivedOn ?? '').localeCompare(b.d.receivedOn ?? '') || a.key - b.key);
  const width = Math.max(6, String(order.length).length);
  return order.map(({ d }, i) => finish(d, `${CONFIG[slug].folioPrefix}-${String(i + 1).padStart(width, '0')}`));
}

/** The records as CSV with a header row (LF line ends). */
export function toCsv(applications: readonly Application[]): string {
  const rows = [APPLICATION_FIELDS, ...applications.map((a) => APPLICATION_FIELDS.map((f) => a[f]))];
  // A feed read by the ingest API, not a spreadsheet: values are kept as they are.
  return csvText(rows, { lineEnd: '\n', formulas: 'keep' });
}

/** The records as newline-delimited JSON, fields in contract order. */
export function toNdjson(applications: readonly Application[]): string {
  return applications.map((a) => `${JSON.stringify(a, [...APPLICATION_FIELDS])}\n`).join('');
}

function cli(argv: readonly string[]): number {
  let slug: string | undefined;
  let format = 'csv';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.split('=', 2);
    if (flag !== '--process' && flag !== '--format') {
      process.stderr.write(`unknown argument ${arg}\n`);
      return 2;
    }
    const value = inline ?? argv[++i] ?? '';
    if (flag === '--process') slug = value;
    else format = value;
  }
  const known = PROCESS_SLUGS.find((s) => s === slug);
  if (known === undefined || (format !== 'csv' && format !== 'ndjson')) {
    process.stderr.write(
      `usage: node db/seed/generate.ts --process ${PROCESS_SLUGS.join('|')} [--format csv|ndjson]\n`,
    );
    return 2;
  }
  const apps = generateApplications(known);
  process.stdout.write(format === 'csv' ? toCsv(apps) : toNdjson(apps));
  return 0;
}

if (import.meta.main) {
  // A closed pipe (`| head`) is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  process.exitCode = cli(process.argv.slice(2));
}
