// `npm run -s verify -- FILE [--keys FILE] [--fetch-keys [BASE_URL]]`: checks a PNG, CSV or cut package offline
// against the committed production keys (keys/voto-extranjero-keys.json) plus the local key of `.dev.vars`, or
// against a key set file, or against the keys a running site publishes. Exit 0 authentic, 1 not, 2 could not check.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  codeUrl,
  PrivateJwkSchema,
  type PublicJwk,
  PublicJwkSchema,
  parseKeySet,
  publicJwkFromPrivate,
  verdictSentence,
  verifyFile,
} from '../functions/domain/signed-files/index.ts';

import { ROOT } from './lib/local-env.ts';
import { runCli } from './lib/run-cli.ts';

const USAGE = 'usage: npm run -s verify -- FILE [--keys KEYSET.json] [--fetch-keys [BASE_URL]]';
const DEFAULT_BASE = 'http://localhost:8787';
const OPTIONS = {
  keys: { type: 'string' },
  'fetch-keys': { type: 'string' },
  help: { type: 'boolean' },
} as const;
/** Where a site publishes its keys. */
const KEYS_PATH = '/.well-known/voto-extranjero-keys.json';

/** A value of a `.dev.vars` line (KEY=value, KEY='value' or KEY="value" with JSON escapes), or null. */
export function devVar(text: string, name: string): string | null {
  const line = text.split(/\r?\n/).find((candidate) => candidate.startsWith(`${name}=`));
  if (line === undefined) return null;
  const raw = line.slice(name.length + 1).trim();
  if (raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1);
  if (raw.startsWith('"') && raw.endsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  return raw;
}

/** The public keys of the local `.dev.vars`: SIGNING_KEY's public half and RETIRED_SIGNING_KEYS. */
export function localKeys(devVars: string): PublicJwk[] {
  const keys: PublicJwk[] = [];
  const signing = devVar(devVars, 'SIGNING_KEY');
  if (signing) keys.push(publicJwkFromPrivate(PrivateJwkSchema.parse(JSON.parse(signing))));
  const retired = devVar(devVars, 'RETIRED_SIGNING_KEYS');
  if (retired) keys.push(...PublicJwkSchema.array().parse(JSON.parse(retired)));
  return keys;
}

async function keysFrom(values: { keys?: string; 'fetch-keys'?: string | boolean }): Promise<PublicJwk[]> {
  if (values.keys) return parseKeySet(JSON.parse(readFileSync(values.keys, 'utf8'))).keys;
  if (values['fetch-keys'] !== undefined) {
    const base = typeof values['fetch-keys'] === 'string' ? values['fetch-keys'] : DEFAULT_BASE;
    const response = await fetch(new URL(KEYS_PATH, base));
    if (!response.ok) throw new Error(`${new URL(KEYS_PATH, base)} answered ${response.status}.`);
    return parseKeySet(await response.json()).keys;
  }
  const committed = parseKeySet(JSON.parse(readFileSync(join(ROOT, 'keys/voto-extranjero-keys.json'), 'utf8'))).keys;
  const devVars = join(ROOT, '.dev.vars');
  return [...committed, ...(existsSync(devVars) ? localKeys(readFileSync(devVars, 'utf8')) : [])];
}

/** Where the code's page lives: the site the keys came from, the link in a CSV's first line, or SITE_URL. */
function siteBase(bytes: Uint8Array, fetched: string | boolean | undefined): string {
  if (typeof fetched === 'string') return fetched;
  const firstLine = new TextDecoder().decode(bytes.subarray(0, 300)).split(/\r?\n/)[0] ?? '';
  const linked = firstLine.match(/ (https?:\/\/[^/\s]+)\/v\//)?.[1];
  return linked ?? process.env.SITE_URL ?? DEFAULT_BASE;
}

/** Checks one file and prints one line; the exit code is the verdict. */
export async function main(args: string[]): Promise<number> {
  // `--fetch-keys` may come without a value (then the local site): give it the default before parsing.
  const given = [...args];
  const at = given.indexOf('--fetch-keys');
  const next = given[at + 1];
  if (at >= 0 && (next === undefined || next.startsWith('--') || !/^https?:\/\//.test(next)))
    given.splice(at + 1, 0, DEFAULT_BASE);
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>;
  try {
    parsed = parseArgs({ args: given, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    console.error(`verify: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0 || (values.keys && values['fetch-keys'])) {
    console.error(`verify: name one file, and either --keys or --fetch-keys.\n${USAGE}`);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`verify: ${file}: no such file.`);
    return 2;
  }
  let keys: PublicJwk[];
  try {
    keys = await keysFrom(values);
  } catch (error) {
    console.error(`verify: could not read the keys: ${(error as Error).message}`);
    return 2;
  }
  const bytes = new Uint8Array(readFileSync(file));
  const verdict = await verifyFile(bytes, basename(file), keys);
  const url = verdict.code ? codeUrl(siteBase(bytes, values['fetch-keys']), verdict.code) : '';
  console.log(
    verdict.authentic
      ? `${file}: authentic ${verdict.kind}, code ${verdict.code}, kid ${verdict.kid}, signed_at ${verdict.signed_at}, ${url}`
      : `${file}: [${verdict.reason}] ${verdictSentence(verdict, 'en')}${url ? ` ${url}` : ''}`,
  );
  return verdict.authentic ? 0 : 1;
}

runCli(import.meta, 'verify', main);
