// Tokens expire, are revoked at once, and record the day they were last used (one write a day at most).
import { describe, expect, it } from 'vitest';
import { call, testEnv } from '../../tests/support/helpers.ts';
import { todayUtc } from '../domain/dates.ts';
import { insertToken, listTokens, revokeToken } from './token-store.ts';
import { mintToken } from './tokens.ts';

async function token(days?: number) {
  const minted = await mintToken();
  await insertToken(testEnv.DB, {
    id: minted.id,
    scope: 'staff',
    name: 'lifecycle',
    hash: minted.hash,
    expiresInDays: days,
  });
  return { id: minted.id, headers: { authorization: `Bearer ${minted.token}` } };
}

const staffCall = (headers: Record<string, string>) =>
  call('/api/v1/metrics/summary?from=2026-01-01&to=2026-01-02', { headers });

describe('token lifecycle', () => {
  it('expires 365 days after creation unless told otherwise', async () => {
    const { id } = await token();
    const listed = (await listTokens(testEnv.DB)).find((t) => t.id === id);
    const days = (Date.parse(listed?.expires_at ?? '') - Date.parse(listed?.created_at ?? '')) / 86_400_000;
    expect(days).toBe(365);
    expect(listed).not.toHaveProperty('token_hash');
  });

  it('refuses an expired token with 401', async () => {
    const { id, headers } = await token(1);
    expect((await staffCall(headers)).status).toBe(200);
    await testEnv.DB.prepare("UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00Z' WHERE id = ?").bind(id).run();
    const expired = await staffCall(headers);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toContain('expired');
  });

  it('refuses a revoked token at once', async () => {
    const { id, headers } = await token();
    expect((await staffCall(headers)).status).toBe(200);
    expect(await revokeToken(testEnv.DB, id)).toBe(true);
    expect((await staffCall(headers)).status).toBe(401);
    expect(await revokeToken(testEnv.DB, id)).toBe(false);
  });

  it('records the day it was last used', async () => {
    const { id, headers } = await token();
    expect((await listTokens(testEnv.DB)).find((t) => t.id === id)?.last_used_on).toBeNull();
    // The day (UTC) of the calls: read before and after them, so a midnight in between cannot fail the test.
    const before = todayUtc();
    await staffCall(headers);
    await staffCall(headers);
    const after = todayUtc();
    expect([before, after]).toContain((await listTokens(testEnv.DB)).find((t) => t.id === id)?.last_used_on);
  });
});
