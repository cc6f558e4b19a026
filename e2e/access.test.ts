// Issue 20: people sign in through Cloudflare Access. The Worker verifies the Access token with its real code
// against a key set this test serves (real RS256 signatures; only the keys differ from production), maps the
// e-mail to roles from its vars, refuses forged, expired, wrong-audience and wrong-issuer tokens (401) and
// people without the role (403), accepts a change only from its own origin, and the staff and partner pages
// show the report without a token field to a signed-in person.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../scripts/token.ts';
import { PROCESS_BODY } from '../tests/support/application-row.ts';
import { launchChromium } from './support/browser.ts';
import { putProcess } from './support/server.ts';
import { startOwnServer, type TestServer } from './support/session.ts';

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;
let server: TestServer;
let certs: Server;
let team: string;
let keys: Keys;
let impostor: Keys;
let browser: Browser;
const AUD = 'aud-staff-app';

async function sign(
  email: string,
  over: { key?: Keys; aud?: string; iss?: string; expiresAt?: number; kid?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email, type: 'app' })
    .setProtectedHeader({ alg: 'RS256', kid: over.kid ?? 'k1' })
    .setIssuer(over.iss ?? team)
    .setAudience(over.aud ?? AUD)
    .setIssuedAt(now - 60)
    .setExpirationTime(over.expiresAt ?? now + 3600)
    .setSubject(`sub-${email}`)
    .sign((over.key ?? keys).privateKey);
}

beforeAll(async () => {
  keys = await generateKeyPair('RS256', { extractable: true });
  impostor = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  // The team's key set, where Access publishes it: /cdn-cgi/access/certs.
  certs = createServer((request, response) => {
    if (request.url === '/cdn-cgi/access/certs') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [jwk] }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => certs.listen(0, '127.0.0.1', resolve));
  team = `http://127.0.0.1:${(certs.address() as AddressInfo).port}`;
  server = await startOwnServer({
    ACCESS_TEAM_DOMAIN: team,
    ACCESS_AUD: `${AUD},aud-partner-app`,
    ACCESS_STAFF: '@ine.mx',
    ACCESS_ADMINS: 'jefa@ine.mx',
    ACCESS_PARTNERS: 'UNAM=@unam.mx',
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  certs?.close();
});

const day = new Date().toISOString().slice(0, 10);
const summary = `/api/v1/metrics/summary?from=${day}&to=${day}`;
const ask = (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
const as = async (jwt: string) => ({ 'cf-access-jwt-assertion': jwt });
const codeOf = async (response: Response) =>
  ((await response.json()) as { error?: { code: string; message: string } }).error;

describe('Cloudflare Access sign-in', () => {
  it('lets a staff member read the staff figures, from the header or from the Access cookie', async () => {
    const jwt = await sign('analista@ine.mx');
    expect((await ask(summary, await as(jwt))).status).toBe(200);
    expect((await ask(summary, { cookie: `CF_Authorization=${jwt}` })).status).toBe(200);
    const me = await ask('/api/v1/me', await as(jwt));
    expect(await me.json()).toEqual({
      email: 'analista@ine.mx',
      scopes: ['staff'],
      referral_code: null,
      sign_out: '/cdn-cgi/access/logout',
    });
  });

  it('refuses forged, expired, wrong-audience and wrong-issuer tokens with 401', async () => {
    const bad = {
      forged: await sign('analista@ine.mx', { key: impostor }),
      expired: await sign('analista@ine.mx', { expiresAt: Math.floor(Date.now() / 1000) - 10 }),
      'wrong audience': await sign('analista@ine.mx', { aud: 'another-app' }),
      'wrong issuer': await sign('analista@ine.mx', { iss: 'https://other-team.cloudflareaccess.com' }),
      'not a token': 'eyJhbGciOiJub25lIn0.e30.',
    };
    for (const [what, jwt] of Object.entries(bad)) {
      const answer = await ask(summary, await as(jwt));
      expect(answer.status, what).toBe(401);
      const error = await codeOf(answer);
      expect(error?.code, what).toBe('unauthorized');
      if (what === 'expired') expect(error?.message).toMatch(/expired/);
      expect((await ask('/api/v1/me', await as(jwt))).status, what).toBe(401);
    }
  });

  it('answers 403 to a signed-in person without the role, and gives a partner only its own code', async () => {
    const stranger = await sign('someone@gmail.com');
    const refused = await ask(summary, await as(stranger));
    expect(refused.status).toBe(403);
    expect((await codeOf(refused))?.message).toMatch(/someone@gmail\.com/);
    const partner = await sign('coordinacion@unam.mx');
    expect((await ask(summary, await as(partner))).status).toBe(403);
    const own = await ask(`/api/v1/metrics/referral?from=${day}&to=${day}`, await as(partner));
    expect(own.status).toBe(200);
    expect(((await own.json()) as { code: string }).code).toBe('UNAM');
    // Feeds are machines: no sign-in sends registration batches.
    const feed = await ask('/api/v1/registrations/pel-2022-2023/batches', await as(await sign('jefa@ine.mx')), {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/x-ndjson' },
      body: '{}',
    });
    expect(feed.status).toBe(403);
  });

  it('accepts a change made with a sign-in only from the site itself', async () => {
    const admin = await as(await sign('jefa@ine.mx'));
    const body = JSON.stringify({
      name: { es: 'Proceso de prueba', en: 'Test process' },
      registration_opens: '2026-09-01',
      registration_closes: '2027-03-10',
      election_day: null,
      entities: ['05'],
      modalities: ['postal'],
    });
    const put = (headers: Record<string, string>) =>
      ask(
        '/api/v1/processes/prueba-access',
        { ...admin, 'content-type': 'application/json', ...headers },
        { method: 'PUT', body },
      );
    const crossSite = await put({ origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect((await codeOf(crossSite))?.message).toMatch(/own pages/);
    expect((await put({})).status).toBe(403);
    expect((await put({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect([200, 201]).toContain((await put({ origin: server.url })).status);
    // A staff member (not admin) is refused even from the site.
    const staff = await as(await sign('analista@ine.mx'));
    expect(
      (
        await ask(
          '/api/v1/processes/prueba-access',
          { ...staff, origin: server.url, 'content-type': 'application/json' },
          { method: 'PUT', body },
        )
      ).status,
    ).toBe(403);
  });

  it('shows an unpublished process to signed-in staff only, never cached, with the "not public" band', async () => {
    const admin = await createToken('admin', 'access-unpublished', server.persistTo);
    const rehearsal = {
      ...PROCESS_BODY,
      name: { es: 'Ensayo', en: 'Rehearsal' },
      entities: ['05'],
      modalities: ['postal'],
    };
    const created = await putProcess(server.url, admin, 'ensayo-access', rehearsal);
    expect(created.status).toBe(201);
    const path = '/api/v1/registrations/ensayo-access/summary';
    const staff = await sign('analista@ine.mx');
    const seen = await ask(path, await as(staff));
    expect(seen.status).toBe(200);
    expect(seen.headers.get('cache-control')).toBe('private, no-store');
    expect((await ask(path, { cookie: `CF_Authorization=${staff}` })).status).toBe(200);
    // A partner, a forged sign-in and nobody at all get the unknown-process 404.
    expect((await ask(path, await as(await sign('ana@unam.mx')))).status).toBe(404);
    expect((await ask(path, await as(await sign('analista@ine.mx', { key: impostor })))).status).toBe(404);
    expect((await ask(path)).status).toBe(404);
    const page = await ask('/es/dashboard/?process=ensayo-access', { cookie: `CF_Authorization=${staff}` });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('No publicado: solo el personal lo ve');
    expect((await ask('/es/dashboard/?process=ensayo-access')).status).toBe(404);
  });

  it('keeps API tokens working for scripts, and a token wins over a sign-in', async () => {
    const token = await createToken('staff', 'access-e2e', server.persistTo);
    expect((await ask(summary, { authorization: `Bearer ${token}` })).status).toBe(200);
    const stranger = await sign('someone@gmail.com');
    expect((await ask(summary, { authorization: `Bearer ${token}`, ...(await as(stranger)) })).status).toBe(200);
  });
});

describe('pages that know who is there', () => {
  it('shows a signed-in staff member the report with no token field, their e-mail and a sign-out link', async () => {
    const context = await browser.newContext({
      extraHTTPHeaders: { 'cf-access-jwt-assertion': await sign('analista@ine.mx') },
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/es/staff/`);
    await expect
      .poll(() => page.locator('[data-signed-in]').textContent(), { timeout: 15_000 })
      .toContain('analista@ine.mx');
    expect(await page.locator('[data-signed-in] a').getAttribute('href')).toBe('/cdn-cgi/access/logout');
    expect(await page.locator('input[name="token"]').count()).toBe(0);
    await expect.poll(() => page.locator('#staff-report .kpis').count(), { timeout: 15_000 }).toBe(1);
    await context.close();
  });

  it('shows a partner their figures without a token, in English too', async () => {
    const context = await browser.newContext({
      extraHTTPHeaders: { 'cf-access-jwt-assertion': await sign('coordinacion@unam.mx') },
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/en/aliados/panel/`);
    await expect
      .poll(() => page.locator('[data-signed-in]').textContent(), { timeout: 15_000 })
      .toContain('Signed in as');
    expect(await page.locator('input[name="token"]').count()).toBe(0);
    await expect.poll(() => page.locator('#partner-report h2').textContent(), { timeout: 15_000 }).toContain('UNAM');
    await context.close();
  });

  it('explains both ways and keeps the token form when nobody is signed in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/es/staff/`);
    await expect.poll(() => page.locator('[data-sign-in-help]').textContent()).toMatch(/Cloudflare Access.*token/s);
    expect(await page.locator('input[name="token"]').count()).toBe(1);
    expect(await page.locator('[data-signed-in]').count()).toBe(0);
    await context.close();
  });
});
