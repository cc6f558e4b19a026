import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The e2e files that take the longest of a whole run, longest first (as measured for issue 26 in a full `npm test`:
// the page sweep (reflow and axe on every page) about 170 s, metrics-abuse 71, cms 52, infographics-ocr 47, restore-drill
// 36, token-cli 34, microsite 31). Vitest
// starts the files it has timings for longest first, so two workers finish together; a clean clone has none, and it
// would start the largest files first instead, leaving a short file of long waits (the restore drill) to run alone
// at the end.
const LONG_E2E_FILES = [
  'e2e/page-sweep.test.ts',
  'e2e/metrics-abuse.test.ts',
  'e2e/cms.test.ts',
  'e2e/infographics-ocr.test.ts',
  'e2e/restore-drill.test.ts',
  'e2e/token-cli.test.ts',
  'e2e/microsite.test.ts',
];

/**
 * Vitest's own order, except that the unit files come first (they need no server: they run while the e2e files'
 * shared server finishes its start) and the long e2e files next (in that order) when vitest has no timing for them.
 */
export default class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const unit = sorted.filter((spec) => spec.project.name === 'unit');
    const rest = sorted.filter((spec) => spec.project.name !== 'unit');
    const rank = (spec: TestSpecification) =>
      this.ctx.cache.getTestSpecificationResult(spec)
        ? -1
        : LONG_E2E_FILES.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
    const long = rest.filter((spec) => rank(spec) >= 0).sort((a, b) => rank(a) - rank(b));
    return [...unit, ...long, ...rest.filter((spec) => rank(spec) < 0)];
  }
}
