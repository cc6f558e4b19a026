// `npm run test:mutation`: mutation testing of the modules that decide what the public sees, one Stryker run per
// module group (stryker.config.mjs holds the rest), so each group must reach 80 % on its own: Stryker's break
// threshold alone is one score for everything, where a strong group could hide a weak one.
import { Stryker } from '@stryker-mutator/core';
import { type MutationScore, mutationScore } from './lib/mutation-score.ts';

/** The module groups the issue names, each scored on its own. */
const GROUPS: Record<string, string[]> = {
  'small-group rule': ['functions/registrations/small-groups.ts'],
  'cut changes': ['functions/registrations/compare.ts'],
  'batch parsing and validation': [
    'functions/registrations/parse-batch.ts',
    'functions/registrations/batch-text.ts',
    'functions/domain/registration.ts',
  ],
  'event admission and personal data': [
    'functions/metrics/admission.ts',
    'functions/metrics/personal-data.ts',
    'functions/metrics/event.ts',
  ],
  // Last: the largest group (about 800 mutants).
  'disclosure auditor': [
    'functions/registrations/disclosure/*.ts',
    '!functions/registrations/disclosure/*.test.ts',
    '!functions/registrations/disclosure/test-fixtures.ts',
    // The synthetic national data set of the scale test and the benchmark: test data, not part of the auditor.
    '!functions/registrations/disclosure/national-instance.ts',
  ],
};

const BREAK = 80;

const only = process.argv.slice(2);
const started = Date.now();
const scores: [string, MutationScore][] = [];
for (const [name, mutate] of Object.entries(GROUPS)) {
  if (only.length && !only.some((word) => name.includes(word))) continue;
  const slug = name.replaceAll(' ', '-');
  try {
    const results = await new Stryker({
      configFile: 'stryker.config.mjs',
      mutate,
      reporters: ['json', 'progress'],
      jsonReporter: { fileName: `reports/mutation/${slug}.json` },
    }).runMutationTest();
    scores.push([name, mutationScore(results)]);
  } catch (error) {
    // A group that cannot run (its tests failing unmutated) fails the run, after the other groups have run.
    console.error(`${name}: ${error}`);
    scores.push([name, { detected: 0, valid: 0, percent: 0, files: {} }]);
  }
}
// Stryker sets the exit code from its own (global) threshold; this script decides, per group.
process.exitCode = 0;
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`\nmutation score per module group (break below ${BREAK} %), ${minutes} min:`);
for (const [name, score] of scores) {
  console.log(`  ${score.percent.toFixed(1).padStart(5)} %  ${name} (${score.detected} of ${score.valid} detected)`);
  for (const [file, part] of Object.entries(score.files)) {
    console.log(`           ${part.percent.toFixed(1).padStart(5)} %  ${file} (${part.detected} of ${part.valid})`);
  }
}
const failing = scores.filter(([, score]) => score.percent < BREAK);
if (failing.length) {
  console.error(`\nunder ${BREAK} %: ${failing.map(([name]) => name).join(', ')}`);
  process.exitCode = 1;
}
