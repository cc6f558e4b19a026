import type { MutantResult } from '@stryker-mutator/api/core';

/** A mutation score: mutants detected (killed or timed out) of those that count (detected, survived, not covered). */
export interface MutationScore {
  detected: number;
  valid: number;
  percent: number;
  /** The same per mutated file. */
  files: Record<string, Omit<MutationScore, 'files'>>;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function score(results: readonly MutantResult[]): Omit<MutationScore, 'files'> {
  const detected = results.filter((r) => DETECTED.has(r.status)).length;
  const valid = detected + results.filter((r) => UNDETECTED.has(r.status)).length;
  // Stryker's own definition: no valid mutant is a perfect score (nothing could survive).
  return { detected, valid, percent: valid ? (100 * detected) / valid : 100 };
}

/** Stryker's mutation score of a run, overall and per file (ignored, compile and runtime errors do not count). */
export function mutationScore(results: readonly MutantResult[]): MutationScore {
  const byFile = new Map<string, MutantResult[]>();
  for (const result of results) {
    const file = result.fileName.replace(`${process.cwd()}/`, '');
    byFile.set(file, [...(byFile.get(file) ?? []), result]);
  }
  return { ...score(results), files: Object.fromEntries([...byFile].map(([file, list]) => [file, score(list)])) };
}
