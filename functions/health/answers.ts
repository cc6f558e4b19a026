import { z } from '@hono/zod-openapi';

// The shapes of this feature's API answers, for the OpenAPI document.

const PublicHealth = z.object({ status: z.literal('ok'), database: z.literal('ok') }).openapi('Health');

/** How far the database schema has been migrated (migrations.ts reads it). */
export const MigrationsAnswer = z.object({
  applied: z.number().int().describe('How many migrations the database has applied.'),
  latest: z.string().nullable().describe('The file name of the latest applied migration.'),
});

const AdminHealth = PublicHealth.extend({
  migrations: MigrationsAnswer.describe('Only with an admin token: the public never learns which schema is live.'),
}).openapi('HealthWithMigrations');

/** The health check: the public answer, or with an admin token the same plus the migration level. */
export const HealthAnswer = z.union([AdminHealth, PublicHealth]);
