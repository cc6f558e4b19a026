// Mutation testing of the modules that decide what the public sees (issue 33). `npm run test:mutation` runs
// scripts/mutation.ts, which runs Stryker once per module group with this configuration and fails when any
// group scores under 80 %; `npx stryker run` alone runs every group at once against the same threshold.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'functions/registrations/small-groups.ts',
    'functions/registrations/compare.ts',
    'functions/registrations/disclosure/*.ts',
    '!functions/registrations/disclosure/*.test.ts',
    '!functions/registrations/disclosure/test-fixtures.ts',
    // The synthetic national data set of the scale test and the benchmark: test data, not part of the auditor.
    '!functions/registrations/disclosure/national-instance.ts',
    'functions/registrations/parse-batch.ts',
    'functions/domain/registration.ts',
    'functions/metrics/admission.ts',
    'functions/metrics/personal-data.ts',
    'functions/metrics/event.ts',
  ],
  coverageAnalysis: 'perTest',
  // The machine is shared and small: two test processes at most.
  concurrency: 2,
  ignoreStatic: true,
  thresholds: { high: 90, low: 80, break: 80 },
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
