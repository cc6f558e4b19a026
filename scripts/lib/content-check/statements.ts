// Time-sensitive statements: a notice, a process's announcement and the between-elections block say what is true
// now, so each carries the day it was checked and its source (the schemas require them). Here the check requires
// the between-elections file and warns when a check is older than the site prints in the present tense.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { STATEMENT_FRESH_DAYS, statementTense } from '../../../site/content/freshness.ts';
import { checkedStatementSchema } from '../../../site/content/schemas.ts';
import { describeIssue } from '../zod-issues.ts';
import type { PageFile, Problem } from './model.ts';

/** One dated statement found in the content: the file that holds it and the day it was last checked. */
export interface CheckedStatement {
  file: string;
  checked_on: string;
}

/** The file behind the between-elections block (required once the content defines processes). */
export const BETWEEN_ELECTIONS_FILE = 'content/between-elections.json';

/** Reads the between-elections block's check; a missing or invalid file is an error when processes exist. */
export async function readBetweenElections(root: string, errors: Problem[]): Promise<CheckedStatement | null> {
  const path = join(root, BETWEEN_ELECTIONS_FILE);
  if (!existsSync(path)) {
    if (existsSync(join(root, 'content', 'processes')))
      errors.push({
        file: BETWEEN_ELECTIONS_FILE,
        message:
          'is missing. The between-elections block states what is open now: create it with "checked_on" (YYYY-MM-DD) and "source" ({"es": …, "en": …}).',
      });
    return null;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    errors.push({
      file: BETWEEN_ELECTIONS_FILE,
      message: `is not valid JSON (${(error as Error).message}). Fix the file.`,
    });
    return null;
  }
  const parsed = checkedStatementSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      errors.push({ file: BETWEEN_ELECTIONS_FILE, message: `${describeIssue(issue, raw)}. Fix the file.` });
    return null;
  }
  return { file: BETWEEN_ELECTIONS_FILE, checked_on: parsed.data.checked_on };
}

/** The dated statements of the pages: every notice, and any page marked `time_sensitive`. */
export function pageStatements(pages: readonly PageFile[]): CheckedStatement[] {
  return pages.flatMap((page) =>
    typeof page.data?.checked_on === 'string' ? [{ file: page.file, checked_on: page.data.checked_on }] : [],
  );
}

/** A warning for each statement checked more than STATEMENT_FRESH_DAYS before `today`. */
export function staleStatements(statements: readonly CheckedStatement[], today: string): Problem[] {
  return statements
    .filter((statement) => statementTense(statement.checked_on, today) === 'as-of')
    .map((statement) => ({
      file: statement.file,
      message: `'checked_on' (${statement.checked_on}) is more than ${STATEMENT_FRESH_DAYS} days before ${today}, so the site prints it "as of ${statement.checked_on}". Check it against its source again and update 'checked_on'.`,
    }));
}
