// Checks English page bodies against the glossary: every Spanish term marked for screen readers, one wording per concept.
import { type GlossaryEntry, glossaryFindings } from '../../../site/content/glossary.ts';
import type { PageFile, Problem } from './model.ts';

/** Flags, in an English page, each Spanish term written without <span lang="es"> and each wording the site avoids. */
export function checkGlossaryTerms(page: PageFile, glossary: readonly GlossaryEntry[], errors: Problem[]): void {
  if (page.lang !== 'en') return;
  for (const finding of glossaryFindings(page.body, glossary)) {
    const line = page.body.slice(0, finding.index).split('\n').length + page.bodyLine - 1;
    const { entry, found } = finding;
    errors.push({
      file: `${page.file}:${line}`,
      message:
        finding.kind === 'unmarked'
          ? `has the Spanish term '${found}' outside <span lang="es">. Write <span lang="es">${found}</span> so screen readers say it in Spanish (content/glossary.yaml, ${entry.id}).`
          : `says '${found}'. This site writes '${entry.english}' for this (content/glossary.yaml, ${entry.id}): use that wording.`,
    });
  }
}
