import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { scoped } from '../auth/scoped.ts';
import type { AppEnv } from '../env.ts';
import { errors, jsonAnswer } from '../shared/describe.ts';
import { ApiError } from '../shared/errors.ts';
import { isDatabaseBusy } from '../shared/on-error.ts';
import { validationHook } from '../shared/validate.ts';
import { HealthAnswer } from './answers.ts';
import { migrationLevel } from './migrations.ts';

const admin = scoped('admin');

// The migration level tells an attacker which schema (and so which code) is live: the public answer omits it.
// A request that sends a token must send a valid admin one (401/403 otherwise), so a deploy script that asks
// for the level with a wrong token fails loudly instead of reading the public answer as "no migrations".
const adminIfTokenSent: MiddlewareHandler<AppEnv> = (c, next) =>
  c.req.header('authorization') === undefined ? next() : admin.middleware(c, next);

// The public answer says only "up": once the database has answered, an isolate says so for 10 s without asking
// again, so a flood of health checks costs one D1 read per isolate per 10 s. An admin always gets a fresh read.
const PUBLIC_OK_MS = 10_000;
let publicOkAt = Number.NEGATIVE_INFINITY;

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
    c.header('Cache-Control', 'no-store');
    const isAdmin = c.get('tokenScope') === 'admin';
    if (!isAdmin && Date.now() - publicOkAt < PUBLIC_OK_MS) {
      return c.json({ status: 'ok' as const, database: 'ok' as const }, 200);
    }
    let level: Awaited<ReturnType<typeof migrationLevel>>;
    try {
      level = await migrationLevel(c.env.DB);
    } catch (error) {
      // Overloaded or timing out: the one handler's 503 with Retry-After (a retry will get through).
      if (isDatabaseBusy(error)) throw error;
      throw new ApiError(
        'service_unavailable',
        'The database is not reachable or not migrated. Run `npm run db:migrate` (locally) and retry.',
      );
    }
    publicOkAt = Date.now();
    if (!isAdmin) return c.json({ status: 'ok' as const, database: 'ok' as const }, 200);
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
