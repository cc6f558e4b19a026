import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { bearer, call, testEnv } from '../../tests/support/helpers.ts';
import { requireScope } from '../auth/require-scope.ts';
import { securityHeaders } from '../domain/security-policy.ts';
import type { AppEnv } from '../env.ts';
import { onError } from './on-error.ts';

const errorShape = expect.objectContaining({
  error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) },
});

describe('health', () => {
  it('tells the public only that it is up, and an admin the migration level', async () => {
    const open = await call('/api/v1/health');
    expect(open.status).toBe(200);
    expect(open.headers.get('cache-control')).toBe('no-store');
    expect(await open.json()).toEqual({ status: 'ok', database: 'ok' });
    const admin = await call('/api/v1/health', { headers: await bearer('admin') });
    expect(admin.status).toBe(200);
    const body = await admin.json<{ migrations: { applied: number; latest: string } }>();
    expect(body).toEqual({ status: 'ok', database: 'ok', migrations: expect.any(Object) });
    // Every migration of db/migrations (as the test pool read them) is applied, the last one latest.
    const files = (testEnv as unknown as { TEST_MIGRATIONS: { name: string }[] }).TEST_MIGRATIONS.map((m) => m.name);
    expect(files.length).toBeGreaterThan(8);
    expect(body.migrations).toEqual({ applied: files.length, latest: [...files].sort().at(-1) });
  });

  it('refuses a token that is not an admin one rather than answer as if none was sent', async () => {
    expect((await call('/api/v1/health', { headers: await bearer('ingest') })).status).toBe(403);
    expect((await call('/api/v1/health', { headers: { authorization: 'Bearer nonsense' } })).status).toBe(401);
  });
});

describe('errors', () => {
  it('answers unknown API paths with the JSON error shape and 404', async () => {
    for (const path of ['/api/nope', '/api/v1/nope', '/api/v1/health/extra', '/api/v2/health']) {
      const response = await call(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/json');
      const body = await response.json();
      expect(body).toEqual(errorShape);
      expect((body as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('never leaks a stack trace for an unexpected failure (it goes to the log)', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = new Hono<AppEnv>().get('/boom', () => {
      throw new Error('secret internals at /src/file.ts:12');
    });
    app.onError(onError);
    const response = await app.request('/boom', {}, testEnv);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret internals');
    expect(JSON.parse(text)).toEqual(errorShape);
    expect(log).toHaveBeenCalledWith('unhandled error', expect.any(Error));
    log.mockRestore();
  });
});

describe('security headers', () => {
  it('forbid framing and sniffing on Worker responses', async () => {
    const response = await call('/api/v1/health');
    expect(response.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    // The policy itself is pinned directive by directive in security-headers.test.ts; here, the Worker sends it.
    expect(response.headers.get('content-security-policy')).toBe(securityHeaders('deny')['Content-Security-Policy']);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('language negotiation at /', () => {
  it.each([
    ['en-US,en;q=0.9', '/en/'],
    ['es-MX,es;q=0.9,en;q=0.8', '/es/'],
    ['fr-FR,en;q=0.5,es;q=0.4', '/en/'],
    ['de-DE', '/es/'],
    ['', '/es/'],
  ])('Accept-Language %j goes to %s', async (header, target) => {
    const response = await call('/?utm_source=facebook', {
      headers: { 'accept-language': header },
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${target}?utm_source=facebook`);
    expect(response.headers.get('vary')).toContain('Accept-Language');
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('home page', () => {
  it('answers as built, linking to the dashboard, when there are no figures to show yet', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const lang of ['es', 'en']) {
      const response = await call(`/${lang}/`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain('id="home-live"');
      expect(text).toContain(`href="/${lang}/dashboard/"`);
      expect(text).not.toContain('class="live-total"');
    }
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('home: served without the live figure'));
    warn.mockRestore();
  });
});

describe('scoped tokens', () => {
  const app = new Hono<AppEnv>()
    .get('/ingest', requireScope('ingest'), (c) => c.json({ ok: true, scope: c.get('tokenScope') }))
    .get('/staff', requireScope('staff'), (c) => c.json({ ok: true }));
  app.onError(onError);

  it('401 without a token, with the JSON error shape', async () => {
    const response = await app.request('/ingest', {}, testEnv);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(errorShape);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('401 for unknown, malformed and tampered tokens', async () => {
    const { authorization } = await bearer('ingest');
    const tampered = `${authorization.slice(0, -1)}${authorization.endsWith('A') ? 'B' : 'A'}`;
    for (const value of ['Bearer nonsense', `Bearer vx_000000000000_${'a'.repeat(43)}`, tampered, 'Basic abc']) {
      const response = await app.request('/ingest', { headers: { authorization: value } }, testEnv);
      expect(response.status, value).toBe(401);
    }
  });

  it('403 for a token of the wrong scope, 200 for the right one', async () => {
    const staff = await bearer('staff');
    const ingest = await bearer('ingest');
    expect((await app.request('/ingest', { headers: staff }, testEnv)).status).toBe(403);
    const ok = await app.request('/ingest', { headers: ingest }, testEnv);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, scope: 'ingest' });
    expect((await app.request('/staff', { headers: staff }, testEnv)).status).toBe(200);
  });

  it('401 for a revoked token', async () => {
    const headers = await bearer('ingest');
    const id = headers.authorization.split('_')[1];
    await testEnv.DB.prepare("UPDATE api_tokens SET revoked_at = 'now' WHERE id = ?").bind(id).run();
    expect((await app.request('/ingest', { headers }, testEnv)).status).toBe(401);
  });

  it('stores only the hash of a token', async () => {
    const { authorization } = await bearer('staff');
    const token = authorization.slice('Bearer '.length);
    const rows = await testEnv.DB.prepare('SELECT * FROM api_tokens').all();
    expect(JSON.stringify(rows.results)).not.toContain(token);
  });
});
