import { z } from '@hono/zod-openapi';

// The shapes of this feature's API answers, for the OpenAPI document.

const PublicHealth = z.object({ status: z.literal('ok'), database: z.literal('ok') }).openapi('Health');

const AdminHealth = PublicHealth.extend({
  migrations: z
    .object({
      applied: z.number().int().describe('How many migrations the database has applied.'),
      latest: z.string().nullable().describe('The file name of the latest applied migration.'),
    })
    .describe('Only with an admin token: the public never learns which schema is live.'),
}).openapi('HealthWithMigrations');

/** The health check: the public answer, or with an admin token the same plus the migration level. */
export const HealthAnswer = z.union([AdminHealth, PublicHealth]);
