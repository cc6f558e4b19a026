import { describe, expect, it } from 'vitest';
import { isSmallGroup, MIN_GROUP, ruleWithholds, WITHHELD_FIELDS } from './small-groups.ts';

describe('the small-group rule', () => {
  it('calls 1 to 9 people a small group; nobody, or 10 and more, is not', () => {
    expect(MIN_GROUP).toBe(10);
    expect([0, 1, 2, 9, 10, 11, 500].map(isSmallGroup)).toEqual([false, true, true, true, false, false, false]);
  });

  it('withholds a small population (rule 1) and a state within a country (rule 2), whatever its size', () => {
    const none = { entity: null, country: null };
    expect(ruleWithholds(9, none)).toBe('small');
    expect(ruleWithholds(1, { entity: '14', country: null })).toBe('small');
    expect(ruleWithholds(10, none)).toBeNull();
    expect(ruleWithholds(0, none)).toBeNull();
    expect(ruleWithholds(5000, { entity: '14', country: null })).toBeNull();
    expect(ruleWithholds(5000, { entity: null, country: 'US' })).toBeNull();
    expect(ruleWithholds(5000, { entity: '14', country: 'US' })).toBe('cross');
    // Small comes first: a small cross population says why in the plainer words.
    expect(ruleWithholds(3, { entity: '14', country: 'US' })).toBe('small');
  });

  it('withholds every breakdown but states and countries, the daily series included', () => {
    expect(WITHHELD_FIELDS.join(' ')).toBe('by_channel by_credential by_sex by_age_band by_modality by_status daily');
  });
});
