import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import LongFilesFirst from './e2e/support/sequencer.ts';
import { generateSigningJwk } from './functions/domain/signed-files/index.ts';

/** Three suites: pure code in Node, the Worker inside workerd, and browsers against a real `wrangler dev`. */
export default defineConfig(async () => {
  const migrations = await readD1Migrations('db/migrations');
  // The Worker signs what it serves: the tests get a fresh key of their own (the secret in production).
  const signingKey = JSON.stringify(await generateSigningJwk('test', '2020-01-01T00:00:00Z'));
  return {
    test: {
      // Which files start first (only the e2e project's order changes: its files run two at a time).
      sequence: { sequencer: LongFilesFirst },
      projects: [
        {
          test: {
            name: 'unit',
            environment: 'node',
            include: ['functions/**/*.test.ts', 'site/**/*.test.ts', 'scripts/**/*.test.ts', 'db/**/*.test.ts'],
            exclude: ['functions/**/*.worker.test.ts'],
            // The demo generator and the national-scale audit are CPU-bound for seconds; a 2-core machine that also
            // runs a build must not fail them on time. Tests assert results, never durations.
            testTimeout: 30_000,
            // Beside the browser tests, two at a time, first (e2e/support/sequencer.ts): on its own (one worker by
            // default on two cores, no group order) vitest ran this project's files one by one after every other
            // project, a tail of a minute with one core idle.
            maxWorkers: 2,
            sequence: { groupOrder: 1 },
            // A worker keeps its modules from one file to the next (no file changes a global another reads): the
            // project took 54 CPU-seconds with a fresh worker per file, mostly imports, and takes 23 this way.
            isolate: false,
          },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: { bindings: { TEST_MIGRATIONS: migrations, SIGNING_KEY: signingKey } },
            }),
          ],
          test: {
            name: 'worker',
            // Tests of one feature live beside it; tests/contract/ holds the ones that sweep every route or table.
            include: ['functions/**/*.worker.test.ts', 'tests/contract/**/*.worker.test.ts'],
            setupFiles: ['./tests/support/fresh-worker-file.ts'],
            // One workerd for every file, one file after another: starting a workerd per file cost 6 to 8 s each,
            // most of the project's time. The setup file gives each file fresh modules, D1, cache and limiters.
            isolate: false,
            maxWorkers: 1,
            // Several tests send hundreds of requests or queue messages through workerd; on a 2-core machine that
            // also runs a build or another test file, five seconds is not enough. Limits are checked by counts, not time.
            testTimeout: 30_000,
          },
        },
        {
          test: {
            name: 'e2e',
            environment: 'node',
            include: ['e2e/**/*.test.ts'],
            // One `wrangler dev` with the demo data for the whole run, handed to the files with `inject`.
            globalSetup: ['./e2e/support/shared-server.ts'],
            // Started in the background by the global setup: each file waits for it before its first line runs.
            setupFiles: ['./e2e/support/wait-for-shared-server.ts'],
            testTimeout: 60_000,
            hookTimeout: 120_000,
            // A page answers a field's change with a request to a server that shares two cores with Chromium and
            // the other file: vitest's 1 s default for expect.poll failed a clean-clone run (the infographic alt
            // text, on time in every other run). The wait bounds a hang, not speed: benchmarks measure speed.
            expect: { poll: { timeout: 15_000 } },
            // Two files at a time: most of a file's time is waiting (wrangler, a browser, a queue, a CLI), not both
            // cores. A file on the shared server writes only what no other file reads (its own slugs, sorted after
            // the demo processes', tokens and codes); what would change a shared answer gets a server of its own.
            maxWorkers: 2,
            // A worker keeps its modules (Playwright, the support files) from one file to the next: each file still
            // has its own browser, hooks and setup file (its own client address).
            isolate: false,
            // With the unit project, after the Worker project when one `vitest run` has all three (vitest runs a group
            // of another `maxWorkers` apart). `npm test` runs the Worker project in a run of its own beside this one
            // (scripts/test.ts).
            sequence: { groupOrder: 1 },
          },
        },
      ],
    },
  };
});
