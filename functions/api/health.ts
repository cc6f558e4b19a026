import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { migrationLevel } from '../data/migrations.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { validationHook } from '../lib/validate.ts';
import { HealthAnswer } from './answers.ts';
import { errors, jsonAnswer } from './describe.ts';

/** `GET /api/v1/health`: the Worker is up and the database answers, with its migration level. */
export const healthRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() }).openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Service'],
    summary: 'The Worker is up and the database answers',
    responses: { 200: jsonAnswer('Up, with the migration level.', HealthAnswer), ...errors('service_unavailable') },
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
    return c.json(
      { status: 'ok' as const, database: { migrations_applied: level.applied, latest_migration: level.latest } },
      200,
    );
  },
);
