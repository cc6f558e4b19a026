import type { z } from '@hono/zod-openapi';
import type { MigrationsAnswer } from './answers.ts';

/** How far the database schema has been migrated (the admin health answer's `migrations`). */
export type MigrationLevel = z.output<typeof MigrationsAnswer>;

/** Reads the migration level from wrangler's `d1_migrations` table (also used by the tests' setup). */
export async function migrationLevel(db: D1Database): Promise<MigrationLevel> {
  const row = await db
    .prepare(
      'SELECT COUNT(*) AS applied, (SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1) AS latest FROM d1_migrations',
    )
    .first<MigrationLevel>();
  return { applied: row?.applied ?? 0, latest: row?.latest ?? null };
}
