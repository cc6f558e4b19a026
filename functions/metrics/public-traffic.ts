import type { z } from '@hono/zod-openapi';
import { addDays } from '../domain/dates.ts';
import type { PublicTrafficAnswer } from './answers.ts';
import { readMetrics } from './summary.ts';

/** Counts under this are published as null: too small to show without risk of pointing at someone. */
export const PUBLIC_MIN = 10;

/**
 * The rest are published rounded down to a multiple of this (contract rule 4): exact figures would let anyone work
 * out a count under 10 by subtraction (a total minus the languages shown, one ten-minute slot minus the one before,
 * the 30-day figure minus the 7-day one). Each rounded figure stands for a range of 10 values, and no difference
 * or sum of such ranges narrows to one count of 1 to 9.
 */
export const PUBLIC_ROUNDING = 10;

/** How long the public figures are reused (ms): they are recomputed at most once per slot. */
export const PUBLIC_SLOT_MS = 10 * 60_000;

/** The site's own traffic as anyone may see it: aggregates only, small counts suppressed (the answer's type). */
export type PublicTraffic = z.output<typeof PublicTrafficAnswer>;

/** The last `days` days of traffic (UTC, today included): counts under 10 null, the others rounded down to tens. */
export async function readPublicTraffic(db: D1Database, days: number, today: string): Promise<PublicTraffic> {
  const from = addDays(today, -(days - 1));
  const summary = await readMetrics(db, from, today);
  const rounded = (n: number) => Math.floor(n / PUBLIC_ROUNDING) * PUBLIC_ROUNDING;
  const shown = (n: number) => (n >= PUBLIC_MIN ? rounded(n) : null);
  return {
    from,
    to: today,
    suppressed_below: PUBLIC_MIN,
    rounded_down_to: PUBLIC_ROUNDING,
    pageviews: shown(summary.pageviews),
    visitors: shown(summary.visitors),
    pages: summary.pages.slice(0, 20).map((p) => ({ path: p.path, pageviews: shown(p.pageviews) })),
    languages: summary.languages.map((l) => ({ lang: l.lang, events: shown(l.events) })),
    // Countries under the threshold are left out rather than listed as null: their names alone say little.
    countries: summary.countries
      .filter((x) => x.events >= PUBLIC_MIN)
      .map((x) => ({ country: x.country, events: rounded(x.events) })),
  };
}
