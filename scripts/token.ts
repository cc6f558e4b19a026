// `npm run -s token -- create|list|revoke …`: API tokens in the local D1 (or production with --remote). `create`
// prints only the new token; only its hash is stored. `list` never prints a secret.
import { parseArgs } from 'node:util';
import { DEFAULT_TOKEN_DAYS, TOKEN_SCOPES, type TokenScope } from '../functions/auth/scopes.ts';
import {
  insertToken,
  LIST_TOKENS_SQL,
  type ListedToken,
  listTokens,
  revokeToken,
} from '../functions/auth/token-store.ts';
import { mintToken } from '../functions/auth/tokens.ts';
import { utcNowSql } from '../functions/shared/sql-time.ts';
import { withLocalDb } from './lib/local-db.ts';
import { run } from './lib/local-env.ts';
import { runCli } from './lib/run-cli.ts';

const USAGE = `usage: npm run -s token -- create --scope ${TOKEN_SCOPES.join('|')} [--name LABEL] [--code REF] [--expires-in DAYS] [--remote | --persist-to DIR]
       npm run -s token -- list [--remote | --persist-to DIR]
       npm run -s token -- revoke ID [--remote | --persist-to DIR]`;

/** What a new token is: its scope, label, partner referral code and lifetime. */
export interface TokenSpec {
  scope: TokenScope;
  name: string;
  referralCode?: string;
  expiresInDays?: number;
}

/** A SQL string literal (the values are generated here or checked, but labels are free text). */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Runs SQL against the production D1 through wrangler (needs `wrangler login`) and returns its result rows. */
function remote<T>(sql: string): T[] {
  const output = run('wrangler', ['d1', 'execute', 'DB', '--remote', '--json', '--command', sql], { quiet: true });
  const parsed = JSON.parse(output) as { results?: T[] }[];
  return parsed.flatMap((part) => part.results ?? []);
}

/** Creates a token in the production D1 (any scope; a partner token also creates its referral code). */
export async function createRemoteToken(spec: TokenSpec): Promise<string> {
  const minted = await mintToken();
  const days = spec.expiresInDays ?? DEFAULT_TOKEN_DAYS;
  const code = spec.referralCode ? literal(spec.referralCode) : 'NULL';
  const statements = [
    spec.referralCode
      ? `INSERT OR IGNORE INTO referral_codes (code, name) VALUES (${code}, ${literal(spec.name)})`
      : null,
    `INSERT INTO api_tokens (id, scope, name, token_hash, referral_code, expires_at) VALUES (${literal(minted.id)}, ${literal(spec.scope)}, ${literal(spec.name)}, ${literal(minted.hash)}, ${code}, ${utcNowSql(`+${days} days`)})`,
  ].filter(Boolean);
  remote(statements.join('; '));
  return minted.token;
}

/** Creates a token in the local database and returns it (the CLI prints it). */
export async function createToken(
  scope: TokenScope,
  name: string,
  persistTo?: string,
  referralCode?: string,
  expiresInDays?: number,
): Promise<string> {
  const minted = await mintToken();
  await withLocalDb(
    (db) => insertToken(db, { id: minted.id, scope, name, hash: minted.hash, referralCode, expiresInDays }),
    persistTo,
  );
  return minted.token;
}

/** One line per token: id, scope, name, code, created, expires, last used, revoked (tab-separated, `-` for none). */
export function formatTokens(tokens: readonly ListedToken[]): string {
  const header = ['id', 'scope', 'name', 'code', 'created', 'expires', 'last_used', 'revoked'];
  const rows = tokens.map((t) =>
    [t.id, t.scope, t.name, t.referral_code, t.created_at, t.expires_at, t.last_used_on, t.revoked_at].map((value) =>
      value === null || value === '' ? '-' : String(value).replaceAll('\t', ' '),
    ),
  );
  return `${[header, ...rows].map((row) => row.join('\t')).join('\n')}\n`;
}

function fail(message: string): number {
  console.error(`${message}\n${USAGE}`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      scope: { type: 'string' },
      name: { type: 'string', default: '' },
      'persist-to': { type: 'string' },
      remote: { type: 'boolean', default: false },
      code: { type: 'string' },
      'expires-in': { type: 'string' },
    },
  });
  const [command, id] = positionals;
  const persistTo = values['persist-to'];
  if (command === 'list') {
    const tokens = values.remote
      ? remote<ListedToken>(LIST_TOKENS_SQL)
      : await withLocalDb((db) => listTokens(db), persistTo);
    process.stdout.write(formatTokens(tokens));
    return 0;
  }
  if (command === 'revoke') {
    if (!id || !/^[0-9a-f]{12}$/.test(id))
      return fail('give the id of the token to revoke (the first column of `token list`).');
    const revoked = values.remote
      ? remote<{ id: string }>(
          `UPDATE api_tokens SET revoked_at = ${utcNowSql()} WHERE id = ${literal(id)} AND revoked_at IS NULL RETURNING id`,
        ).length > 0
      : await withLocalDb((db) => revokeToken(db, id), persistTo);
    if (!revoked) {
      console.error(`no active token ${id} (see npm run -s token -- list).`);
      return 1;
    }
    console.error(`token ${id} revoked: the next request with it gets 401.`);
    return 0;
  }
  if (command !== 'create') return fail('say create, list or revoke.');
  const scope = values.scope as TokenScope | undefined;
  if (!scope || !TOKEN_SCOPES.includes(scope)) return fail(`--scope must be one of: ${TOKEN_SCOPES.join(', ')}.`);
  if ((scope === 'partner') !== Boolean(values.code) || (values.code && !/^[A-Za-z0-9_-]{1,32}$/.test(values.code))) {
    return fail(
      'a partner token needs --code REFCODE (1-32 letters, digits, _ or -), and only a partner token takes one.',
    );
  }
  const days = values['expires-in'] === undefined ? undefined : Number(values['expires-in']);
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) {
    return fail('--expires-in must be a whole number of days from 1 to 3650.');
  }
  const spec: TokenSpec = { scope, name: values.name, referralCode: values.code, expiresInDays: days };
  const token = values.remote
    ? await createRemoteToken(spec)
    : await createToken(scope, values.name, persistTo, values.code, days);
  process.stdout.write(`${token}\n`);
  return 0;
}

runCli(import.meta, 'token', main);
