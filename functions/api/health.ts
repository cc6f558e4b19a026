import { Hono } from 'hono';
import { migrationLevel } from '../data/migrations.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/errors.ts';

/** `GET /api/v1/health`: the Worker is up and the database answers, with its migration level. */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
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
  return c.json({ status: 'ok', database: { migrations_applied: level.applied, latest_migration: level.latest } });
});
