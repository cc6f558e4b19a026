// `npm run -s token -- create --scope ingest|staff [--name LABEL]`: prints a new token, stores only its hash.
import { parseArgs } from 'node:util';
import { mintToken, TOKEN_SCOPES } from '../functions/auth/tokens.ts';
import { insertToken } from '../functions/data/tokens.ts';
import type { TokenScope } from '../functions/env.ts';
import { withLocalDb } from './lib/local-db.ts';

const USAGE = 'usage: npm run -s token -- create --scope ingest|staff [--name LABEL] [--persist-to DIR]';

/** Creates a token in the local database and returns it (the CLI prints it). */
export async function createToken(scope: TokenScope, name: string, persistTo?: string): Promise<string> {
  const minted = await mintToken();
  await withLocalDb((db) => insertToken(db, { id: minted.id, scope, name, hash: minted.hash }), persistTo);
  return minted.token;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { scope: { type: 'string' }, name: { type: 'string', default: '' }, 'persist-to': { type: 'string' } },
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
  process.stdout.write(`${await createToken(scope, values.name, values['persist-to'])}\n`);
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
