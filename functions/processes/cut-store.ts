import type { ProcessBody } from '../domain/registration.ts';
import type { ProcessRecord } from './store.ts';

/** A cut as stored: its name (date), when it was taken, the moment its figures describe and its headline. */
export interface CutRecord {
  process: string;
  date: string;
  taken_at: string;
  as_of: string | null;
  total: number;
  cumple: number;
  /** The process as it was defined when the cut was taken. */
  definition: ProcessBody;
}

interface CutRow extends Omit<CutRecord, 'definition'> {
  definition: string;
}

const fromRow = (row: CutRow): CutRecord => ({ ...row, definition: JSON.parse(row.definition) });

/** Every cut of a process, newest first. */
export async function listCuts(db: D1Database, slug: string): Promise<CutRecord[]> {
  const { results } = await db
    .prepare('SELECT * FROM registration_cuts WHERE process = ? ORDER BY date DESC')
    .bind(slug)
    .all<CutRow>();
  return results.map(fromRow);
}

/** The dates of a process's cuts (one small read: the index on process and date answers it). */
export async function cutDates(db: D1Database, slug: string): Promise<string[]> {
  const { results } = await db
    .prepare('SELECT date FROM registration_cuts WHERE process = ?')
    .bind(slug)
    .all<{ date: string }>();
  return results.map((row) => row.date);
}

/** One cut, or null. */
export async function getCut(db: D1Database, slug: string, date: string): Promise<CutRecord | null> {
  const row = await db
    .prepare('SELECT * FROM registration_cuts WHERE process = ? AND date = ?')
    .bind(slug, date)
    .first<CutRow>();
  return row ? fromRow(row) : null;
}

/** The cut just before `date`, or null for the first one. */
export async function previousCut(db: D1Database, slug: string, date: string): Promise<CutRecord | null> {
  const row = await db
    .prepare('SELECT * FROM registration_cuts WHERE process = ? AND date < ? ORDER BY date DESC LIMIT 1')
    .bind(slug, date)
    .first<CutRow>();
  return row ? fromRow(row) : null;
}

/**
 * The process as a cut shows it: its definition then, `as_of` of the figures then, and `updated_at` the moment
 * it was taken. Figures read with it and the cut's date come from the frozen rollups.
 */
export function processAtCut(process: ProcessRecord, cut: CutRecord): ProcessRecord {
  return {
    ...process,
    ...cut.definition,
    illustrative: cut.definition.illustrative ?? [],
    as_of: cut.as_of,
    updated_at: cut.taken_at,
  };
}
