import { describe, expect, it } from 'vitest';
import { compareSides, type Side } from './compare.ts';
import { CHANGE_BREAKDOWNS } from './small-groups.ts';

/** A side with the given breakdowns; every other breakdown empty. */
const side = (total: number, figures: Partial<Side> = {}): Side =>
  ({ total, ...Object.fromEntries(CHANGE_BREAKDOWNS.map((name) => [name, {}])), ...figures }) as Side;

describe('comparing two cuts', () => {
  it('compares every breakdown but the daily series', () => {
    expect(CHANGE_BREAKDOWNS.join(' ')).toBe(
      'by_channel by_credential by_sex by_age_band by_modality by_status by_entity by_country',
    );
  });

  it('gives each category before, after and the move, largest move first, then the larger count, then the code', () => {
    const before = side(40, { by_country: { US: 30, CA: 5, ES: 5 } });
    const after = side(52, { by_country: { US: 32, CA: 15, FR: 5 } });
    const out = compareSides(before, after);
    expect(out.total).toEqual({ before: 40, after: 52, change: 12 });
    expect(out.by_country).toEqual([
      { code: 'CA', before: 5, after: 15, change: 10 },
      // ES (-5) and FR (+5) move as much: FR is larger after, so first.
      { code: 'FR', before: 0, after: 5, change: 5 },
      { code: 'ES', before: 5, after: 0, change: -5 },
      { code: 'US', before: 30, after: 32, change: 2 },
    ]);
    expect(out.suppressed).toBeUndefined();
  });

  it('orders equal moves and equal counts by code', () => {
    const out = compareSides(side(0), side(20, { by_sex: { M: 10, H: 10 } }));
    expect(out.by_sex).toEqual([
      { code: 'H', before: 0, after: 10, change: 10 },
      { code: 'M', before: 0, after: 10, change: 10 },
    ]);
  });

  it('shows only the counts when the population moved by 1 to 9 (rule 3): the moves would describe the newcomers', () => {
    const before = side(40, { by_sex: { H: 20, M: 20 }, by_country: { US: 40 } });
    const after = side(46, { by_sex: { H: 23, M: 23 }, by_country: { US: 44, ES: 2 } });
    const out = compareSides(before, after);
    expect(out.total).toEqual({ before: 40, after: 46, change: 6 });
    expect(out.by_sex).toBeNull();
    expect(out.by_status).toBeNull();
    expect(out.by_country).toEqual([
      { code: 'US', before: 40, after: 44, change: 4 },
      { code: 'ES', before: 0, after: 2, change: 2 },
    ]);
    expect(out.suppressed).toEqual({
      min_group: 10,
      reason: 'small',
      fields: ['by_channel', 'by_credential', 'by_sex', 'by_age_band', 'by_modality', 'by_status'],
    });
  });

  it('compares the first cut with nothing: every count is a move from zero', () => {
    const out = compareSides(null, side(12, { by_status: { cumple: 12 } }));
    expect(out.total).toEqual({ before: 0, after: 12, change: 12 });
    expect(out.by_status).toEqual([{ code: 'cumple', before: 0, after: 12, change: 12 }]);
    expect(out.by_sex).toEqual([]);
  });

  it('withholds a breakdown withheld on either side, and says which', () => {
    const out = compareSides(side(5, { by_sex: null }), side(25, { by_status: null, by_sex: { H: 25 } }));
    expect(out.by_sex).toBeNull();
    expect(out.by_status).toBeNull();
    expect(out.by_country).toEqual([]);
    expect(out.suppressed).toEqual({ min_group: 10, reason: 'small', fields: ['by_sex', 'by_status'] });
  });
});
