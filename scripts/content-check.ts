// `npm run content:check`: validates content/ and prints the translation status table. Exit 1 on errors.
// CONTENT_ROOT checks another copy (as the build reads it), e.g. the one the editor's browser test saves into.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishingDay } from '../site/content/publishing.ts';
import { checkContent, type TranslationRow } from './lib/content-check.ts';

const root = process.env.CONTENT_ROOT
  ? resolve(process.env.CONTENT_ROOT)
  : fileURLToPath(new URL('..', import.meta.url));
const today = publishingDay();
// SEEDS_DIR points the facts table's check at another copy of the reports (default: ../shared/seeds).
const seedsDir = process.env.SEEDS_DIR ? resolve(process.env.SEEDS_DIR) : undefined;
const result = await checkContent({ root, today, seedsDir });

function table(rows: TranslationRow[]): string {
  const header = ['collection', 'page', 'es (updated)', 'en (updated)', 'status'];
  const cells = rows.map((row) => [row.collection, row.slug, row.es, row.en, row.status]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((cell) => (cell[i] ?? '').length)));
  const line = (cell: string[]) => cell.map((value, i) => value.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

console.log(`Translation status (publishing day ${today}):\n`);
console.log(table(result.translations));
const untranslated = result.translations.filter((row) => row.status !== 'translated').length;
console.log(`\n${result.translations.length} pages, ${untranslated} needing translation work.`);
for (const warning of result.warnings.filter((w) => !w.message.startsWith('translation:'))) {
  console.warn(`warning: ${warning.file}: ${warning.message}`);
}
if (result.errors.length > 0) {
  for (const error of result.errors) console.error(`error: ${error.file}: ${error.message}`);
  console.error(
    `\n${result.errors.length} error(s) in ${result.files} files. Fix them and run npm run content:check again.`,
  );
  process.exit(1);
}
console.log(
  `Content check passed: ${result.files} files, ${result.statements} dated statements, ${result.facts} claims in docs/facts.md.`,
);
