// Benches that measure cold caches more than once: every cached answer is named by the data version, so one more
// application makes the next round miss again.
import { insertToken } from '../../functions/auth/token-store.ts';
import { mintToken } from '../../functions/auth/tokens.ts';
import { withLocalDb } from '../../scripts/lib/local-db.ts';
import { row } from '../../tests/support/application-row.ts';

/** A new data version of `process`: one more application, received on `receivedOn` (inside its window). */
export async function newDataVersion(
  serverUrl: string,
  persistTo: string | undefined,
  { process, receivedOn }: { process: string; receivedOn: string },
): Promise<void> {
  const ingest = await mintToken();
  await withLocalDb(
    (db) => insertToken(db, { id: ingest.id, scope: 'ingest', name: 'partner bench', hash: ingest.hash }),
    persistTo,
  );
  await postOneApplication(serverUrl, ingest.token, { process, receivedOn });
}

/** Sends one new application of `process` with an ingest token the caller holds (a new data version each time). */
export async function postOneApplication(
  serverUrl: string,
  token: string,
  { process, receivedOn }: { process: string; receivedOn: string },
): Promise<void> {
  const folio = `BENCH${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const fields = row(folio, { received_on: receivedOn });
  const body = `${Object.keys(fields).join(',')}\n${Object.values(fields).join(',')}\n`;
  const response = await fetch(`${serverUrl}/api/v1/registrations/${process}/batches`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'idempotency-key': folio },
    body,
  });
  if (!response.ok) throw new Error(`a new data version: ${response.status} ${await response.text()}`);
}
