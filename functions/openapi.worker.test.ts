// The OpenAPI document against the router it describes: every mounted /api/v1 route is in it, with the
// scope it needs, and its error answers use the one error shape. (Validation against the OpenAPI 3.1
// schema runs in e2e/openapi.test.ts, in Node, where the validator can read its meta-schemas.)
import { describe, expect, it } from 'vitest';
import { call } from '../tests/support/helpers.ts';
import { apiRoutes } from './api.ts';

interface Operation {
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

async function document(): Promise<Document> {
  const response = await call('/api/v1/openapi.json');
  expect(response.status).toBe(200);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  return (await response.json()) as Document;
}

describe('the OpenAPI document', () => {
  it('lists every route the API mounts, and nothing it does not', async () => {
    const doc = await document();
    const mounted = apiRoutes.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`);
    const described = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(mounted.length).toBeGreaterThan(15);
    expect([...new Set(mounted)].sort()).toEqual([...new Set(described)].sort());
  });

  it('names the token scope of every route that needs one', async () => {
    const { paths } = await document();
    const scopeOf = (path: string, method: string) => paths[path]?.[method]?.security?.[0]?.bearer;
    expect(scopeOf('/registrations/{process}/batches', 'post')).toEqual(['ingest']);
    expect(scopeOf('/processes/{slug}', 'put')).toEqual(['admin']);
    expect(scopeOf('/metrics/summary', 'get')).toEqual(['staff']);
    expect(scopeOf('/metrics/referral', 'get')).toEqual(['partner']);
    expect(scopeOf('/registrations/{process}/summary', 'get')).toBeUndefined();
    // People signed in through Cloudflare Access hold the same roles; feeds are machines, tokens only.
    expect(paths['/metrics/summary']?.get?.security).toEqual([{ bearer: ['staff'] }, { access: ['staff'] }]);
    expect(paths['/registrations/{process}/batches']?.post?.security).toEqual([{ bearer: ['ingest'] }]);
    // Health is public, and an admin token (optional: the empty requirement) adds the migration level.
    expect(paths['/health']?.get?.security).toEqual([{}, { bearer: ['admin'] }]);
    const health = paths['/health']?.get?.responses['200']?.content?.['application/json']?.schema as {
      anyOf?: { $ref: string }[];
    };
    expect(health.anyOf?.map((s) => s.$ref).sort()).toEqual([
      '#/components/schemas/Health',
      '#/components/schemas/HealthWithMigrations',
    ]);
    // And the router agrees: a scoped route without a token is a 401 in the error shape.
    const refused = await call('/api/v1/metrics/summary?from=2026-01-01&to=2026-01-02');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('describes every error answer with the one error shape', async () => {
    const { paths, components } = await document();
    expect(components.schemas.Error).toBeDefined();
    let errorAnswers = 0;
    for (const methods of Object.values(paths)) {
      for (const operation of Object.values(methods)) {
        for (const [status, answer] of Object.entries(operation.responses)) {
          if (Number(status) < 400) continue;
          errorAnswers++;
          expect(answer.content?.['application/json']?.schema?.$ref).toBe('#/components/schemas/Error');
        }
      }
    }
    expect(errorAnswers).toBeGreaterThan(30);
  });

  it('validates requests with the schemas it shows: a bad query is the contract 422', async () => {
    const response = await call('/api/v1/registrations/any-process/summary?scope=everyone');
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; message: string; details: { field: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toContain('The query is not valid: scope');
    expect(body.error.details[0]?.field).toBe('scope');
    // hono/timing adds the Worker's own time to every API answer, errors included.
    expect(response.headers.get('server-timing')).toMatch(/total;dur=[\d.]+/);
  });
});
