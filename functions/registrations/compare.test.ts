import { describe, expect, it } from 'vitest';
import { CHANGE_BREAKDOWNS, compareSides, type Side } from './compare.ts';

/** A side with the given breakdowns; every other breakdown empty. */
const side = (total: number, figures: Partial<Side> = {}): Side =>
  ({ total, ...Object.fromEntries(CHANGE_BREAKDOWNS.map((name) => [name, {}])), ...figures }) as Side;

describe('comparing two cuts', () => {
  it('compares every breakdown but the daily series', () => {
    expect([...CHANGE_BREAKDOWNS]).toEqual([
      'by_channel',
      'by_credential',
      'by_sex',
      'by_age_band',
      'by_modality',
      'by_status',
      'by_entity',
      'by_country',
    ]);
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
    const out = compareSides(side(0), side(6, { by_sex: { M: 3, H: 3 } }));
    expect(out.by_sex).toEqual([
      { code: 'H', before: 0, after: 3, change: 3 },
      { code: 'M', before: 0, after: 3, change: 3 },
    ]);
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
    expect(out.suppressed).toEqual({ min_group: 10, fields: ['by_sex', 'by_status'] });
  });
});
