// Every /api/v1 route is public (on the short list below) or needs one token scope: without a token it is a
// 401, with any other scope a 403, its answers carry no CORS header, and a browser's preflight that asks to send
// Authorization is not granted. A new route that is on neither list fails this test.
import { describe, expect, it } from 'vitest';
import { bearer, call } from '../tests/support/helpers.ts';
import { apiRoutes } from './api.ts';
import { TOKEN_SCOPES } from './auth/scopes.ts';

const PUBLIC = new Set([
  'GET /health',
  'POST /events',
  'GET /metrics/public',
  'GET /ping',
  'GET /processes',
  'GET /processes/:slug',
  'GET /registrations/:process/summary',
  'GET /registrations/:process/views/:file',
  'GET /registrations/:process/countries.csv',
  'GET /registrations/:process/cuts',
  'GET /registrations/:process/cuts/:date/changes',
  'GET /registrations/:process/cuts/:file',
  'GET /infographics',
  'GET /infographics/:file',
  'GET /registrations/:process/datapackage.json',
  'GET /registrations/:process/cuts.atom',
  'GET /registrations/cuts.atom',
  'GET /publications/head',
  'GET /publications/:code',
  'GET /entities',
  'GET /entities.csv',
  'GET /openapi.json',
]);

// Who is signed in: no token scope (a token names no person), 401 without a sign-in, never CORS.
const SIGN_IN_ONLY = new Set(['GET /me']);

const mounted = [...new Set(apiRoutes.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];

async function scopesFromDocument(): Promise<Map<string, string>> {
  const doc = (await (await call('/api/v1/openapi.json')).json()) as {
    paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
  };
  const scopes = new Map<string, string>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const scope = operation.security?.[0]?.bearer?.[0];
      if (scope) scopes.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, scope);
    }
  }
  return scopes;
}

describe('route inventory', () => {
  it('lists only routes that exist', () => {
    expect([...PUBLIC, ...SIGN_IN_ONLY].filter((route) => !mounted.includes(route))).toEqual([]);
  });

  it('answers who is signed in only to a signed-in person, with no CORS header', async () => {
    const answer = await call('/api/v1/me', { headers: { origin: 'https://partner.example' } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('protects every route that is not public with one scope, and sends no CORS header', async () => {
    const scopes = await scopesFromDocument();
    const tokens = Object.fromEntries(
      await Promise.all(
        TOKEN_SCOPES.map(async (scope) => [scope, await bearer(scope, scope === 'partner' ? 'INV' : undefined)]),
      ),
    ) as Record<string, { authorization: string }>;
    const guarded = mounted.filter((route) => !PUBLIC.has(route) && !SIGN_IN_ONLY.has(route));
    expect(guarded.length).toBeGreaterThanOrEqual(7);
    for (const route of guarded) {
      const scope = scopes.get(route);
      expect(scope, `${route} is neither public nor declares a token scope`).toBeDefined();
      const [method = 'GET', pattern = ''] = route.split(' ');
      const path = `/api/v1${pattern.replace(/:\w+/g, 'x')}`;
      const origin = { origin: 'https://partner.example' };
      const without = await call(path, { method, headers: origin });
      expect(without.status, `${route} without a token`).toBe(401);
      expect(without.headers.get('access-control-allow-origin'), route).toBeNull();
      for (const other of TOKEN_SCOPES.filter((s) => s !== scope)) {
        const wrong = await call(path, { method, headers: { ...origin, ...tokens[other] } });
        expect(wrong.status, `${route} with a ${other} token`).toBe(403);
        expect(wrong.headers.get('access-control-allow-origin'), route).toBeNull();
      }
      const preflight = await call(path, {
        method: 'OPTIONS',
        headers: {
          ...origin,
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization',
        },
      });
      const allowsHeader = (preflight.headers.get('access-control-allow-headers') ?? '')
        .toLowerCase()
        .includes('authorization');
      const allowsMethod = (preflight.headers.get('access-control-allow-methods') ?? '').includes(method);
      expect(allowsHeader && allowsMethod, `${route} preflight with Authorization`).toBe(false);
    }
  });
});
