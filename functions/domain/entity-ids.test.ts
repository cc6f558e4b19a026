import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENTITY_IDS, toInegiCode } from './entity-ids.ts';
import { OCD_MX_STATES_CSV } from './ocd-mx-states.ts';

const SHARED = new URL('../../../shared/data/ocd_mx_states.csv', import.meta.url);

describe('the states crosswalk', () => {
  it('ships an unchanged copy of ../shared/data/ocd_mx_states.csv', (context) => {
    let source: string;
    try {
      source = readFileSync(SHARED, 'utf8');
    } catch {
      context.skip();
      return;
    }
    expect(OCD_MX_STATES_CSV).toBe(source);
  });

  it('gives every state one OCD id of the file, each used once', () => {
    const stateIds = OCD_MX_STATES_CSV.split('\n').filter((line) => line.includes('/state:'));
    expect(stateIds).toHaveLength(32);
    expect(ENTITY_IDS.map((e) => e.ocd_id).sort()).toEqual(stateIds.map((line) => line.split(',')[0]).sort());
  });

  it('joins by name, not by ISO letters (Mexico City df, State of Mexico em, Coahuila co)', () => {
    const byCode = new Map(ENTITY_IDS.map((e) => [e.code, e]));
    expect(byCode.get('09')?.ocd_id).toBe('ocd-division/country:mx/state:df');
    expect(byCode.get('15')?.ocd_id).toBe('ocd-division/country:mx/state:em');
    expect(byCode.get('05')?.ocd_id).toBe('ocd-division/country:mx/state:co');
    expect(byCode.get('07')?.ocd_id).toBe('ocd-division/country:mx/state:cs');
    expect(byCode.get('08')?.ocd_id).toBe('ocd-division/country:mx/state:ch');
    expect(byCode.get('23')?.iso_3166_2).toBe('MX-ROO');
    expect(new Set(ENTITY_IDS.map((e) => e.iso_3166_2)).size).toBe(32);
  });

  it('turns ISO 3166-2 and OCD ids into INEGI codes and leaves anything else alone', () => {
    expect(toInegiCode('MX-JAL')).toBe('14');
    expect(toInegiCode('mx-cmx')).toBe('09');
    expect(toInegiCode('ocd-division/country:mx/state:ja')).toBe('14');
    expect(toInegiCode('14')).toBe('14');
    expect(toInegiCode('MX-ZZZ')).toBe('MX-ZZZ');
    expect(toInegiCode('ocd-division/country:mx')).toBe('ocd-division/country:mx');
    expect(toInegiCode(undefined)).toBeUndefined();
  });
});
