import { applyD1Migrations, type D1Migration } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, vi } from 'vitest';

// Runs before each test file. All Worker test files share one workerd (starting one per file was most of the
// project's time), so this gives each file what a workerd of its own gave it: fresh modules (no memo, local
// limiter count or opened cache from an earlier file), an empty D1 with every migration, an edge cache and
// rate-limiter buckets nobody else has used, and no queue delivery left over from the file before.
vi.resetModules();

type Bindings = Record<string, unknown> & { DB: D1Database; TEST_MIGRATIONS: D1Migration[]; EVENTS: Queue };
const testEnv = env as unknown as Bindings;
const file = crypto.randomUUID();

/** What the Worker was given before any file wrapped it: each file wraps these, never the previous wrapper. */
type Originals = { caches: CacheStorage['open']; bindings: Record<string, unknown> };
const shared = globalThis as { __testOriginals?: Originals };
shared.__testOriginals ??= {
  caches: caches.open.bind(caches),
  bindings: Object.fromEntries(
    Object.entries(testEnv).filter(([name]) => name.endsWith('LIMITER') || name === 'EVENTS'),
  ),
};
const originals = shared.__testOriginals;

// The Cache API has no "clear": each file opens caches under names of its own.
caches.open = (name: string) => originals.caches(`${name}:${file}`);

// Rate limiters count per key for a minute: each file counts under keys of its own.
for (const [name, limiter] of Object.entries(originals.bindings)) {
  if (!name.endsWith('LIMITER')) continue;
  const real = limiter as RateLimit;
  testEnv[name] = { limit: ({ key }: { key: string }) => real.limit({ key: `${file}:${key}` }) } satisfies RateLimit;
}

// The real queue delivers a batch up to max_batch_timeout (2 s) after it is sent: a file that sent through it
// waits that out before the next file empties D1, so no delivery lands in another file's database.
const queue = originals.bindings.EVENTS as Queue;
let lastSend = 0;
testEnv.EVENTS = {
  send: (...args: Parameters<Queue['send']>) => {
    lastSend = Date.now();
    return queue.send(...args);
  },
  sendBatch: (...args: Parameters<Queue['sendBatch']>) => {
    lastSend = Date.now();
    return queue.sendBatch(...args);
  },
} as Queue;
afterAll(async () => {
  const wait = lastSend + 4_000 - Date.now();
  if (lastSend && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
});

// Empty D1: drop every table and view (the migrations' own bookkeeping too), then apply every migration.
const { results } = await testEnv.DB.prepare(
  "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
).all<{ type: string; name: string }>();
if (results.length > 0) {
  await testEnv.DB.batch([
    testEnv.DB.prepare('PRAGMA defer_foreign_keys = ON'),
    ...results.map((r) => testEnv.DB.prepare(`DROP ${r.type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS "${r.name}"`)),
  ]);
}
await applyD1Migrations(testEnv.DB, testEnv.TEST_MIGRATIONS);
