// `npm run -s outreach:import -- FILE [FILE…]`: sends campaign figures or INETEL calls/contacts to the outreach
// import, choosing the route by the file's header.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runCli } from './lib/run-cli.ts';

const USAGE = `usage: npm run -s outreach:import -- FILE [FILE…] [--token TOKEN] [--url URL]
  FILE is a CSV in the columns of campaign_metrics.csv, inetel_calls.csv or inetel_contacts.csv.
  The token (scope staff) comes from --token or VOTO_TOKEN; --url defaults to http://localhost:8787.
  Each file is all or nothing; sending the same file again changes nothing.`;

/** Which import route a file's header belongs to: INETEL files name a call type or a subject. */
export function routeOf(text: string): 'figures' | 'inetel' {
  const header = (text.replace(/^\uFEFF/, '').split('\n')[0] ?? '').split(',').map((c) => c.trim().toLowerCase());
  return header.includes('call_type') || header.includes('subject') ? 'inetel' : 'figures';
}

/** Sends one file; returns the server's answer text and whether it was applied. */
export async function importFile(url: string, token: string, file: string): Promise<{ ok: boolean; text: string }> {
  const body = await readFile(file, 'utf8');
  const response = await fetch(`${url}/api/v1/outreach/${routeOf(body)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
    body,
  });
  const text = await response.text();
  if (response.ok) {
    const { kind, rows, inserted, updated, unchanged } = JSON.parse(text);
    return {
      ok: true,
      text: `${file}: ${kind}, ${rows} rows: ${inserted} new, ${updated} changed, ${unchanged} unchanged`,
    };
  }
  let message = text;
  try {
    const { error } = JSON.parse(text) as {
      error: { message: string; details: { line?: number; field?: string; message: string }[] };
    };
    message = [
      error.message,
      ...error.details.map((d) => `  line ${d.line ?? '?'}${d.field ? ` ${d.field}` : ''}: ${d.message}`),
    ].join('\n');
  } catch {}
  return { ok: false, text: `${file}: ${response.status} ${message}` };
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { token: { type: 'string' }, url: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help || positionals.length === 0) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const token = values.token ?? process.env.VOTO_TOKEN;
  if (!token) {
    console.error(`outreach:import: give a staff token with --token or VOTO_TOKEN\n${USAGE}`);
    return 2;
  }
  const url = (values.url ?? 'http://localhost:8787').replace(/\/$/, '');
  let failed = 0;
  for (const file of positionals) {
    const { ok, text } = await importFile(url, token, file);
    (ok ? console.log : console.error)(text);
    if (!ok) failed++;
  }
  return failed ? 1 : 0;
}

runCli(import.meta, 'outreach:import', main);
