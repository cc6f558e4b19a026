import { describe, expect, it } from 'vitest';
import { isSmallGroup, MIN_GROUP, mustWithhold, WITHHELD_FIELDS } from './small-groups.ts';

describe('the small-group rule', () => {
  it('calls 1 to 9 people a small group; nobody, or 10 and more, is not', () => {
    expect(MIN_GROUP).toBe(10);
    expect([0, 1, 2, 9, 10, 11, 500].map(isSmallGroup)).toEqual([false, true, true, true, false, false, false]);
  });

  it('withholds a small population, or one that differs from a neighbour by 1 to 9', () => {
    expect(mustWithhold(9, [])).toBe(true);
    expect(mustWithhold(10, [])).toBe(false);
    expect(mustWithhold(0, [0, 40])).toBe(false);
    // 20 beside 29 or 11: subtracting isolates 9 people, on either side.
    expect(mustWithhold(20, [29])).toBe(true);
    expect(mustWithhold(20, [11])).toBe(true);
    // 20 beside 30, 10 or itself: 10 or nobody apart.
    expect(mustWithhold(20, [30, 10, 20])).toBe(false);
    // One neighbour too close is enough, wherever it is in the list.
    expect(mustWithhold(20, [30, 10, 21])).toBe(true);
    expect(mustWithhold(20, [21, 30])).toBe(true);
  });

  it('withholds every breakdown but states and countries, the daily series included', () => {
    expect([...WITHHELD_FIELDS]).toEqual([
      'by_channel',
      'by_credential',
      'by_sex',
      'by_age_band',
      'by_modality',
      'by_status',
      'daily',
    ]);
  });
});
