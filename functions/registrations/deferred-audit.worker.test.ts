// A feed that sends a run of batches may defer the disclosure audit to the run's last batch (`Disclosure-Audit:
// defer`): the versions in between are never served with breakdowns unaudited (every breakdown withheld, totals
// live), the last batch's audit covers them all, and a run that stopped halfway is audited by the minute's cron.
import { createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, testEnv } from '../../tests/support/helpers.ts';
import { createProcess, csv, row, summary } from '../../tests/support/registration-helpers.ts';
import worker from '../index.ts';

const rows = (prefix: string, n: number) =>
  csv(Array.from({ length: n }, (_, i) => row(`${prefix}${i}`, { status: 'cumple', entity: i % 2 ? '05' : '15' })));

function send(slug: string, body: string, auth: Record<string, string>, audit?: string, key = crypto.randomUUID()) {
  return call(`/api/v1/registrations/${slug}/batches`, {
    method: 'POST',
    headers: {
      ...auth,
      'content-type': 'text/csv',
      'idempotency-key': key,
      ...(audit ? { 'disclosure-audit': audit } : {}),
    },
    body,
  });
}

const audits = async (slug: string) =>
  (
    await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM disclosure_audits WHERE process = ? AND version = 'live'")
      .bind(slug)
      .first<{ n: number }>()
  )?.n;

describe('Disclosure-Audit: defer', () => {
  it("withholds breakdowns until the run's last batch audits the version, then publishes them", async () => {
    const auth = await createProcess('defer-run');
    const first = await send('defer-run', rows('A', 40), auth, 'defer');
    expect(first.status).toBe(200);
    expect(first.headers.get('server-timing')).not.toContain('audit;');
    // Where the write's time went, for operators and the national reload's profile.
    expect(first.headers.get('server-timing')).toMatch(/turn;dur=\d+, read;dur=\d+, write;dur=\d+/);
    const between = await summary('defer-run');
    expect(between.total).toBe(40);
    expect(between.by_sex).toBeNull();
    expect(between.suppressed?.reason).toBe('complementary');
    expect(await audits('defer-run')).toBe(0);
    // The last batch, sent without the header, audits everything applied so far.
    const last = await send('defer-run', rows('B', 20), auth);
    expect(last.headers.get('server-timing')).toContain('audit;');
    const after = await summary('defer-run');
    expect(after.total).toBe(60);
    expect(after.by_sex).toEqual({ H: 0, M: 60, X: 0 });
    expect(after.suppressed).toBeUndefined();
  });

  it('is audited by a replay sent without the header, and by the minute cron when the run stopped', async () => {
    const auth = await createProcess('defer-stop');
    const key = crypto.randomUUID();
    expect((await send('defer-stop', rows('C', 30), auth, 'defer', key)).status).toBe(200);
    const replay = await send('defer-stop', rows('C', 30), auth, undefined, key);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await summary('defer-stop')).by_sex).toEqual({ H: 0, M: 30, X: 0 });
    expect((await send('defer-stop', rows('D', 15), auth, 'defer')).status).toBe(200);
    expect((await summary('defer-stop')).by_sex).toBeNull();
    await worker.scheduled(
      createScheduledController({ scheduledTime: new Date(), cron: '* * * * *' }),
      testEnv as never,
    );
    expect((await summary('defer-stop')).by_sex).toEqual({ H: 0, M: 45, X: 0 });
  });

  it('refuses any other value, writing nothing', async () => {
    const auth = await createProcess('defer-bad');
    const response = await send('defer-bad', rows('E', 12), auth, 'later');
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("must be 'defer'");
    expect((await summary('defer-bad')).total).toBe(0);
  });
});
