// The facts table (docs/facts.md, section "Claims"): each row names the page that makes a claim, the status of the
// claim, and, when a report supports it, `seeds/<file>:<line>` and a quoted needle (the figure or date). The check
// opens the report and looks for the needle near that line, so a moved line or a changed figure is caught.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from './model.ts';

/** Where the facts table lives in the repository. */
export const FACTS_FILE = 'docs/facts.md';

/** How many lines either side of the named line the needle may sit (reports wrap long table cells). */
export const NEEDLE_REACH = 2;

/** The statuses a claim can have after the review. */
export const FACT_STATUSES = ['right', 'fixed', 'outside-reports', 'reworded'] as const;

/** One row of the claims table, as written. */
export interface FactRow {
  line: number;
  page: string;
  status: string;
  /** Each `seeds/<file>:<line>` reference of the source cell. */
  refs: { file: string; line: number }[];
  /** Each quoted needle of the needle cell («…»). */
  needles: string[];
}

const REF = /seeds\/([\w.-]+\.txt):(\d+)/g;
const NEEDLE = /«([^»]+)»/g;

/** The rows of the table under the "## Claims" heading: | claim | page | source | needle | status |. */
export function parseFacts(text: string): FactRow[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^## Claims\b/.test(line));
  if (start < 0) return [];
  const rows: FactRow[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('## ')) break;
    if (!line.startsWith('|') || /^\|\s*-/.test(line) || /^\|\s*claim\s*\|/.test(line)) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const [, page = '', source = '', needle = '', status = ''] = cells;
    rows.push({
      line: i + 1,
      page: page.replace(/`/g, ''),
      status: status.replace(/\*/g, ''),
      refs: [...source.matchAll(REF)].map((m) => ({ file: m[1] ?? '', line: Number(m[2]) })),
      needles: [...needle.matchAll(NEEDLE)].map((m) => m[1] ?? ''),
    });
  }
  return rows;
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

/** Whether `needle` occurs within NEEDLE_REACH lines of `line` (1-based) of `report`. */
export function needleNear(report: string, line: number, needle: string): boolean {
  const lines = report.split('\n');
  const from = Math.max(0, line - 1 - NEEDLE_REACH);
  return squash(lines.slice(from, line + NEEDLE_REACH).join(' ')).includes(squash(needle));
}

/** Checks every claim row: its page exists, its status is known, and each report line still holds its needle. */
export async function checkFacts(root: string, seedsDir: string, errors: Problem[], warnings: Problem[]) {
  const path = join(root, FACTS_FILE);
  if (!existsSync(path)) return { rows: 0 };
  const rows = parseFacts(await readFile(path, 'utf8'));
  const seedsThere = existsSync(seedsDir);
  if (!seedsThere)
    warnings.push({
      file: FACTS_FILE,
      message: `the seed reports are not at ${seedsDir} (expected ../shared/seeds/ beside the repository), so the source lines of the claims were NOT checked. Put the reports there (or set SEEDS_DIR) to check them.`,
    });
  const reports = new Map<string, string | null>();
  const report = async (file: string) => {
    if (!reports.has(file)) {
      const full = join(seedsDir, file);
      reports.set(file, existsSync(full) ? await readFile(full, 'utf8') : null);
    }
    return reports.get(file) ?? null;
  };
  for (const row of rows) {
    const where = `${FACTS_FILE}:${row.line}`;
    if (!(FACT_STATUSES as readonly string[]).includes(row.status))
      errors.push({ file: where, message: `has status '${row.status}'. Use one of: ${FACT_STATUSES.join(', ')}.` });
    for (const page of row.page.split(/[,;]\s*/).filter((p) => p.startsWith('content/')))
      if (!existsSync(join(root, page)))
        errors.push({ file: where, message: `names ${page}, which does not exist. Fix the page path.` });
    if (row.status !== 'outside-reports' && row.refs.length === 0)
      errors.push({
        file: where,
        message:
          'names no report line. Add seeds/<file>:<line> and the «needle» it supports, or mark it outside-reports with its source.',
      });
    if (row.refs.length > 0 && row.needles.length === 0)
      errors.push({
        file: where,
        message: 'has a report line but no «needle». Quote the figure or date the line holds.',
      });
    if (!seedsThere) continue;
    const texts = await Promise.all(row.refs.map(async (ref) => ({ ref, text: await report(ref.file) })));
    for (const { ref, text } of texts)
      if (text === null)
        errors.push({
          file: where,
          message: `names seeds/${ref.file}, which is not among the reports. Fix the file name.`,
        });
    // Each needle must sit near one of the lines the row names (a claim may rest on several reports).
    for (const needle of row.needles) {
      if (texts.some(({ ref, text }) => text !== null && needleNear(text, ref.line, needle))) continue;
      const named = row.refs.map((ref) => `seeds/${ref.file}:${ref.line}`).join(', ');
      errors.push({
        file: where,
        message: `${named} does not contain «${needle}» within ${NEEDLE_REACH} lines. Fix the line number, the needle or the claim.`,
      });
    }
  }
  return { rows: rows.length };
}
