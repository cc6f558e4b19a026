import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { scoped } from '../auth/scoped.ts';
import type { AppEnv } from '../env.ts';
import { errors, jsonAnswer } from '../shared/describe.ts';
import { ApiError } from '../shared/errors.ts';
import { validationHook } from '../shared/validate.ts';
import { HealthAnswer } from './answers.ts';
import { migrationLevel } from './migrations.ts';

const admin = scoped('admin');

// The migration level tells an attacker which schema (and so which code) is live: the public answer omits it.
// A request that sends a token must send a valid admin one (401/403 otherwise), so a deploy script that asks
// for the level with a wrong token fails loudly instead of reading the public answer as "no migrations".
const adminIfTokenSent: MiddlewareHandler<AppEnv> = (c, next) =>
  c.req.header('authorization') === undefined ? next() : admin.middleware(c, next);

/** `GET /api/v1/health`: the Worker is up and the database answers; an admin token also gets the migration level. */
export const healthRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() }).openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Service'],
    summary: 'The Worker is up and the database answers',
    description:
      'Public: `{"status": "ok", "database": "ok"}`. With `Authorization: Bearer <admin token>` the answer adds the migration level (how many migrations are applied and the latest one); any other token is a 401 or 403.',
    middleware: adminIfTokenSent,
    // The empty requirement makes the token optional (OpenAPI 3.1).
    security: [{}, { bearer: ['admin'] }],
    responses: {
      200: jsonAnswer('Up; with an admin token, also the migration level.', HealthAnswer),
      ...errors('unauthorized', 'forbidden', 'service_unavailable'),
    },
  }),
  async (c) => {
    let level: Awaited<ReturnType<typeof migrationLevel>>;
    try {
      level = await migrationLevel(c.env.DB);
    } catch {
      throw new ApiError(
        'service_unavailable',
        'The database is not reachable or not migrated. Run `npm run db:migrate` (locally) and retry.',
      );
    }
    c.header('Cache-Control', 'no-store');
    if (c.get('tokenScope') !== 'admin') return c.json({ status: 'ok' as const, database: 'ok' as const }, 200);
    return c.json(
      {
        status: 'ok' as const,
        database: 'ok' as const,
        migrations: { applied: level.applied, latest: level.latest },
      },
      200,
    );
  },
);
