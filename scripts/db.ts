// `npm run db:backup` and `npm run db:restore FILE`: a SQL export of the D1 database (local, or production with
// --remote) and its restore into an empty database, which starts a new version epoch. Runbook: docs/operations.md.
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs, promisify } from 'node:util';
import { bin, OFFLINE_ENV, ROOT } from './lib/local-env.ts';
import { runCli } from './lib/run-cli.ts';
import { packInserts } from './lib/sql-dump.ts';

const execFileAsync = promisify(execFile);

const USAGE = `usage: npm run -s db:backup -- [--out FILE] [--remote | --persist-to DIR]
       npm run -s db:restore -- FILE [--remote | --persist-to DIR]`;

/** Where a database is: production (`remote`) or a local state folder (`undefined` is the project's own). */
export interface Target {
  remote?: boolean;
  persistTo?: string;
}

/** Runs wrangler without blocking this process (a caller may start a server meanwhile); resolves with its stdout. */
async function wrangler(args: string[], cwd = ROOT): Promise<string> {
  try {
    // An import prints a result per statement: room for a large one.
    return (await execFileAsync(bin('wrangler'), args, { cwd, env: OFFLINE_ENV, encoding: 'utf8', maxBuffer: 1 << 30 }))
      .stdout;
  } catch (error) {
    const { stderr = '', stdout = '' } = error as { stderr?: string; stdout?: string };
    throw new Error(`wrangler ${args.join(' ')} failed:\n${stderr}\n${stdout.slice(-2_000)}`);
  }
}

/**
 * Runs wrangler against a local state folder. `d1 export` reads the state of the folder it runs in, so for
 * another folder it runs in a scratch project whose `.wrangler/state` is that folder.
 */
async function inState<T>(persistTo: string | undefined, work: (cwd: string) => T): Promise<T> {
  if (!persistTo) return work(ROOT);
  const scratch = await mkdtemp(join(tmpdir(), 'voto-db-'));
  try {
    const config = (await readFile(join(ROOT, 'wrangler.toml'), 'utf8'))
      .replace(/^main = "(.*)"$/m, (_, path: string) => `main = "${resolve(ROOT, path)}"`)
      .replace(/^migrations_dir = "(.*)"$/m, (_, path: string) => `migrations_dir = "${resolve(ROOT, path)}"`)
      .replace(/^directory = "(.*)"$/m, (_, path: string) => `directory = "${resolve(ROOT, path)}"`);
    await writeFile(join(scratch, 'wrangler.toml'), config);
    await mkdir(join(scratch, '.wrangler'));
    await symlink(resolve(persistTo), join(scratch, '.wrangler', 'state'));
    return await work(scratch);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const where = (target: Target) => (target.remote ? ['--remote'] : ['--local']);

/** Exports the whole database (schema and data, the migrations record included) to `file`. */
export async function backup(file: string, target: Target = {}): Promise<void> {
  await inState(target.remote ? undefined : target.persistTo, (cwd) =>
    wrangler(['d1', 'export', 'DB', ...where(target), '--output', resolve(file), '--skip-confirmation'], cwd),
  );
}

function execute(sql: { command?: string; file?: string }, target: Target): Promise<string> {
  const persist = !target.remote && target.persistTo ? ['--persist-to', target.persistTo] : [];
  const what = sql.file ? ['--file', resolve(sql.file)] : ['--json', '--command', sql.command ?? ''];
  return wrangler(['d1', 'execute', 'DB', ...where(target), ...persist, '--yes', ...what]);
}

/**
 * Restores an export into an empty database, then starts a new version epoch: every process's data version jumps
 * past anything the previous timeline reached, so no cached answer, ETag or immutable image URL made before the
 * restore can ever be served for the restored figures. Returns the epoch added.
 */
export async function restore(file: string, target: Target = {}): Promise<number> {
  const tables = JSON.parse(
    await execute(
      { command: "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'processes'" },
      target,
    ),
  ) as { results: { n: number }[] }[];
  if ((tables[0]?.results[0]?.n ?? 0) > 0) {
    throw new Error(
      'the target database is not empty. Restore into a new database (locally: --persist-to a new folder, or move .wrangler/state away; in production prefer D1 Time Travel, docs/operations.md).',
    );
  }
  // Seconds since 1970 exceed any count of ingests a process can have reached, and grow with every restore.
  const epoch = Math.floor(Date.now() / 1000);
  const scratch = await mkdtemp(join(tmpdir(), 'voto-restore-'));
  try {
    // The export with its rows packed into multi-row INSERTs (one statement per row took minutes), and the new epoch
    // in the same file: one import, so the restored rows are never served under their old data versions.
    const packed = join(scratch, 'restore.sql');
    async function* sql() {
      yield* packInserts(createReadStream(file, 'utf8'));
      yield `UPDATE processes SET data_version = data_version + ${epoch};\n`;
    }
    await pipeline(Readable.from(sql()), createWriteStream(packed));
    await execute({ file: packed }, target);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return epoch;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { out: { type: 'string' }, remote: { type: 'boolean', default: false }, 'persist-to': { type: 'string' } },
  });
  const target: Target = { remote: values.remote, persistTo: values['persist-to'] };
  if (command === 'backup') {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = values.out ?? `backup-${values.remote ? 'remote' : 'local'}-${stamp}.sql`;
    await backup(file, target);
    console.log(file);
    return 0;
  }
  if (command === 'restore' && positionals[0]) {
    const epoch = await restore(positionals[0], target);
    console.error(`restored ${positionals[0]}; data versions moved on by ${epoch} (a new cache epoch).`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

runCli(import.meta, 'db', main);
