import { defineConfig } from 'vitest/config';

/**
 * The unit tests of the modules that decide what the public sees, for mutation testing only (`npm run
 * test:mutation`, `stryker.config.mjs`): pure code in Node, no Worker, no build.
 */
export default defineConfig({
  test: {
    name: 'mutation',
    environment: 'node',
    include: [
      'functions/registrations/small-groups.test.ts',
      'functions/registrations/compare.test.ts',
      'functions/registrations/disclosure/audit.test.ts',
      'functions/registrations/disclosure/suppression.test.ts',
      'functions/registrations/disclosure/integer-rows.test.ts',
      'functions/registrations/disclosure/echelon.test.ts',
      'functions/registrations/disclosure/populations.test.ts',
      'functions/registrations/disclosure/small-group-search.test.ts',
      'functions/registrations/disclosure/audit-thresholds.test.ts',
      'functions/registrations/parse-batch.test.ts',
      'functions/domain/registration.test.ts',
      'functions/metrics/admission.test.ts',
      'functions/metrics/personal-data.test.ts',
      'functions/metrics/event.test.ts',
      'functions/metrics/event-reduce.test.ts',
    ],
    // Instrumented code runs several times slower: the batch-limit test (50,000 rows) needs more than 5 s.
    testTimeout: 60_000,
    // national-scale.test.ts is left out: it times the auditor on a national instance, which says nothing a
    // mutant could fail and, instrumented, takes longer than the whole group.
  },
});
