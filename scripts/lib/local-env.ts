import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureDevSigningKey } from './dev-signing-key.ts';
import { killGroup, trackGroup } from './process-group.ts';

/** The project root (scripts run from anywhere). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Environment for every wrangler/astro call: nothing may reach outside the machine
 * (no `Request.cf` download, no telemetry, no update check).
 */
export const OFFLINE_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  // The pinned Node first, so wrangler and astro run on it even when called outside `npm run`.
  PATH: `${ROOT}node_modules/.bin:${process.env.PATH ?? ''}`,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  ASTRO_TELEMETRY_DISABLED: '1',
  NO_UPDATE_NOTIFIER: '1',
};

/** Path of a binary installed in node_modules/.bin. */
export function bin(name: string): string {
  return `${ROOT}node_modules/.bin/${name}`;
}

/** Runs a project binary to completion, output passed through (or captured when `quiet`); throws on failure. */
export function run(name: string, args: string[], { quiet = false } = {}): string {
  const result = spawnSync(bin(name), args, {
    cwd: ROOT,
    env: OFFLINE_ENV,
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) throw runFailure(name, args, result.status, quiet ? `${result.stdout}${result.stderr}` : '');
  return result.stdout ?? '';
}

/** `run` without blocking this process's event loop (a test runner that keeps other work going meanwhile). */
export function runInBackground(name: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin(name), args, { cwd: ROOT, env: OFFLINE_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(runFailure(name, args, code, stdout + stderr))));
  });
}

function runFailure(name: string, args: string[], status: number | null, output: string): Error {
  return new Error(`${name} ${args.join(' ')} failed (exit ${status}).${output ? `\n${output}` : ''}`);
}

/** Applies the D1 migrations to the local database (the same state `wrangler dev` uses). */
export async function migrateLocal(persistTo?: string): Promise<void> {
  const persist = persistTo ? ['--persist-to', persistTo] : [];
  await runInBackground('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', ...persist]);
}

/** What `startWranglerDev` accepts besides the port. */
export interface WranglerDevOptions {
  persistTo?: string;
  /** Collect the output without echoing it, and keep only warnings and errors (unless `logLevel` says otherwise). */
  quiet?: boolean;
  /** Extra `vars`, e.g. for benchmarks. */
  vars?: Record<string, string>;
  /** wrangler's `--log-level`; by default `warn` when quiet, wrangler's own default (`log`) otherwise. */
  logLevel?: 'debug' | 'log' | 'info' | 'warn' | 'error';
  /** More `wrangler dev` flags, e.g. `--test-scheduled`. */
  args?: string[];
}

/** Starts `wrangler dev` on `port`; resolves once `/api/v1/health` answers, with everything it printed so far. */
export async function startWranglerDev(
  port: number,
  { persistTo, quiet = false, vars = {}, logLevel, args = [] }: WranglerDevOptions = {},
): Promise<{ url: string; stop: () => Promise<void>; output: () => string }> {
  // wrangler dev reads `.dev.vars`: the key the local Worker signs with (and `npm run verify` trusts).
  await ensureDevSigningKey(ROOT);
  const persist = persistTo ? ['--persist-to', persistTo] : [];
  const extraVars = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
  const level = logLevel ?? (quiet ? 'warn' : undefined);
  const child = spawn(
    bin('wrangler'),
    [
      'dev',
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--show-interactive-dev-session=false',
      ...(level ? ['--log-level', level] : []),
      ...persist,
      ...extraVars,
      ...args,
    ],
    { cwd: ROOT, env: OFFLINE_ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let log = '';
  const collect = (chunk: Buffer) => {
    log += chunk.toString();
    if (!quiet) process.stdout.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  if (child.pid === undefined) throw new Error(`wrangler dev could not start:\n${log}`);
  const group = child.pid;
  trackGroup(group);
  const stop = async () => {
    // The whole group, even when wrangler itself has exited: the workerd it started may still be running.
    const exited = child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined;
    killGroup(group);
    if (exited) await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  };
  try {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log}`);
      try {
        const response = await fetch(`${url}/api/v1/health`);
        if (response.ok) return { url, stop, output: () => log };
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`wrangler dev did not answer on ${url} within 60 s:\n${log}`);
  } catch (error) {
    await stop();
    throw error;
  }
}
