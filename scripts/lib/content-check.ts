// Checks every content file the way the build will read it, and says what to fix in words staff can act on.
// Each kind of check lives in content-check/; this module runs them in order and gathers what they find.
import { join, relative } from 'node:path';
import { checkBody } from './content-check/body.ts';
import { checkDataFiles } from './content-check/data-files.ts';
import { checkFacts } from './content-check/facts.ts';
import { checkGlossaryTerms } from './content-check/glossary.ts';
import type { CheckOptions, CheckResult, Problem } from './content-check/model.ts';
import { readPages } from './content-check/pages.ts';
import { knownRoutes } from './content-check/routes.ts';
import { pageStatements, readBetweenElections, staleStatements } from './content-check/statements.ts';
import { translationTable } from './content-check/translations.ts';

export { splitFrontMatter } from './content-check/front-matter.ts';
export type { CheckOptions, CheckResult, Problem, TranslationRow } from './content-check/model.ts';

/** Runs every check over `root` and returns errors, warnings and the translation table. */
export async function checkContent({ root, today, pagesDir, seedsDir }: CheckOptions): Promise<CheckResult> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const rel = (path: string) => relative(root, path) || path;
  const pages = await readPages(root, rel, errors);

  const data = await checkDataFiles(root, rel, errors);
  const routes = await knownRoutes(
    pagesDir ?? join(import.meta.dirname, '../../site/pages'),
    pages,
    data.processes,
    today,
  );
  const context = { routes, pages, publicDir: join(root, 'public'), errors, today };
  for (const page of pages) checkBody(page, context);
  for (const page of pages) checkGlossaryTerms(page, data.glossary, errors);
  for (const page of pages) {
    const updated = page.data?.updated;
    if (typeof updated === 'string' && updated > today) {
      warnings.push({
        file: page.file,
        message: `'updated' (${updated}) is after today (${today}). Use the day the text last changed.`,
      });
    }
  }
  const between = await readBetweenElections(root, errors);
  const statements = [...pageStatements(pages), ...data.announcements, ...(between ? [between] : [])];
  warnings.push(...staleStatements(statements, today));
  const facts = await checkFacts(root, seedsDir ?? join(root, '..', 'shared', 'seeds'), errors, warnings);
  const translations = translationTable(pages, today);
  for (const row of translations) {
    if (row.status !== 'translated') {
      warnings.push({ file: `content/${row.collection}/*/${row.slug}.mdx`, message: `translation: ${row.status}` });
    }
  }
  return {
    errors,
    warnings,
    translations,
    files: pages.length + data.files,
    statements: statements.length,
    facts: facts.rows,
  };
}
