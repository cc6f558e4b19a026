// `npm run -s token -- create --scope ingest|staff|partner [--name LABEL]`: prints a new token, stores only its hash.
import { parseArgs } from 'node:util';
import { mintToken } from '../functions/auth/tokens.ts';
import { insertToken } from '../functions/data/tokens.ts';
import { TOKEN_SCOPES, type TokenScope } from '../functions/domain/scopes.ts';
import { withLocalDb } from './lib/local-db.ts';
import { run } from './lib/local-env.ts';

const USAGE =
  'usage: npm run -s token -- create --scope ingest|staff|partner [--code REFCODE] [--name LABEL] [--persist-to DIR | --remote]';

/** Creates a token in the production D1 through wrangler (needs `wrangler login`); returns it. */
export async function createRemoteToken(scope: TokenScope, name: string): Promise<string> {
  const minted = await mintToken();
  // Every value is generated here except the label, whose quotes are doubled (SQL string literal).
  const label = name.replaceAll("'", "''");
  run(
    'wrangler',
    [
      'd1',
      'execute',
      'DB',
      '--remote',
      '--command',
      `INSERT INTO api_tokens (id, scope, name, token_hash) VALUES ('${minted.id}', '${scope}', '${label}', '${minted.hash}')`,
    ],
    { quiet: true },
  );
  return minted.token;
}

/** Creates a token in the local database and returns it (the CLI prints it). */
export async function createToken(
  scope: TokenScope,
  name: string,
  persistTo?: string,
  referralCode?: string,
): Promise<string> {
  const minted = await mintToken();
  await withLocalDb(
    (db) => insertToken(db, { id: minted.id, scope, name, hash: minted.hash, referralCode }),
    persistTo,
  );
  return minted.token;
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
    },
  });
  if (positionals[0] !== 'create') {
    console.error(USAGE);
    return 2;
  }
  const scope = values.scope as TokenScope | undefined;
  if (!scope || !TOKEN_SCOPES.includes(scope)) {
    console.error(`--scope must be one of: ${TOKEN_SCOPES.join(', ')}.\n${USAGE}`);
    return 2;
  }
  if ((scope === 'partner') !== Boolean(values.code) || (values.code && !/^[A-Za-z0-9_-]{1,32}$/.test(values.code))) {
    console.error(
      `a partner token needs --code REFCODE (1-32 letters, digits, _ or -), and only a partner token takes one.\n${USAGE}`,
    );
    return 2;
  }
  if (values.remote && scope === 'partner') {
    console.error('create partner tokens locally for now, or insert the referral code remotely first (README).');
    return 2;
  }
  const token = values.remote
    ? await createRemoteToken(scope, values.name)
    : await createToken(scope, values.name, values['persist-to'], values.code);
  process.stdout.write(`${token}\n`);
  return 0;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`token: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
