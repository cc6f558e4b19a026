// Which populations are published (and so audited), and which published populations hold which cells: worked out
// by hand on a few cells over two versions.
import { describe, expect, it } from 'vitest';
import { buildAtoms, type Cell, type Population, populationContains } from './model.ts';
import { populationId, standardPopulations } from './populations.ts';

const cells: Cell[] = [
  { reviewClass: 'cumple', state: '12', country: 'US', slice: 1, count: 12 },
  { reviewClass: 'other', state: '12', country: 'US', slice: 2, count: 5 },
  { reviewClass: 'cumple', state: '14', country: 'CA', slice: 2, count: 10 },
  { reviewClass: 'other', state: '14', country: 'US', slice: 1, count: 0 },
];
const ids = (populations: Population[]) => populations.map((p) => p.id).sort();

describe('the published populations', () => {
  it('are named by scope, version and filters', () => {
    expect(populationId({ scope: 'received' })).toBe('received');
    expect(populationId({ scope: 'cumple', version: 2, entity: '14', country: 'CA' })).toBe(
      'cumple|v2|entity=14|country=CA',
    );
    expect(populationId({ scope: 'received', version: 0, country: 'US' })).toBe('received|v0|country=US');
  });

  it('are every national, state and country population of 10 or more; empty cells count for none', () => {
    // received 27, by state 17 and 10, by country 17 and 10; cumple 22, 12 and 10, 12 and 10.
    const all = standardPopulations(cells);
    expect(ids(all)).toEqual(
      [
        'received',
        'received|entity=12',
        'received|entity=14',
        'received|country=US',
        'received|country=CA',
        'cumple',
        'cumple|entity=12',
        'cumple|entity=14',
        'cumple|country=US',
        'cumple|country=CA',
      ].sort(),
    );
    expect(all.find((p) => p.id === 'received')).toStrictEqual({ id: 'received', scope: 'received' });
    // With a threshold of 11, the populations of exactly 10 are not published.
    expect(ids(standardPopulations(cells, { minGroup: 11 }))).toEqual(
      [
        'received',
        'received|entity=12',
        'received|country=US',
        'cumple',
        'cumple|entity=12',
        'cumple|country=US',
      ].sort(),
    );
  });

  it('are, per version, the cells counted by then, and state x country ones only when asked', () => {
    const versions = standardPopulations(cells, { versions: [1, 2], cross: true });
    // Version 1 holds the first cell only (12 cumple, state 12, US): every population of it has 12.
    const v1 = ['received|v1', 'cumple|v1'].flatMap((base) => [
      base,
      `${base}|entity=12`,
      `${base}|country=US`,
      `${base}|entity=12|country=US`,
    ]);
    // Version 2: all three non-empty cells; state 14 and Canada hold the cumple 10, the US the other 17.
    const v2 = ['received|v2', 'cumple|v2'].flatMap((base) => [
      base,
      `${base}|entity=12`,
      `${base}|country=US`,
      `${base}|entity=12|country=US`,
      `${base}|entity=14`,
      `${base}|country=CA`,
      `${base}|entity=14|country=CA`,
    ]);
    expect(ids(versions)).toEqual([...v1, ...v2].sort());
    expect(versions.find((p) => p.id === 'cumple|v2|entity=14|country=CA')).toStrictEqual({
      id: 'cumple|v2|entity=14|country=CA',
      scope: 'cumple',
      version: 2,
      entity: '14',
      country: 'CA',
    });
  });
});

describe('population membership', () => {
  it('takes a cell by scope, state, country and the version it first counted in', () => {
    const [first, second] = cells as [Cell, Cell];
    expect(populationContains({ id: 'c', scope: 'cumple' }, first)).toBe(true);
    expect(populationContains({ id: 'c', scope: 'cumple' }, second)).toBe(false);
    expect(populationContains({ id: 'r', scope: 'received' }, second)).toBe(true);
    expect(populationContains({ id: 'e', scope: 'received', entity: '14' }, first)).toBe(false);
    expect(populationContains({ id: 'k', scope: 'received', country: 'CA' }, first)).toBe(false);
    expect(populationContains({ id: 'v', scope: 'received', version: 1 }, first)).toBe(true);
    expect(populationContains({ id: 'v', scope: 'received', version: 1 }, second)).toBe(false);
    expect(populationContains({ id: 'v', scope: 'received', version: 0 }, { ...first, slice: undefined })).toBe(true);
  });

  it('groups non-empty cells by the populations that hold them, in population order', () => {
    const populations: Population[] = [
      { id: 'received', scope: 'received' },
      { id: 'received|v1', scope: 'received', version: 1 },
      { id: 'received|entity=12', scope: 'received', entity: '12' },
      { id: 'cumple', scope: 'cumple' },
    ];
    const more: Cell[] = [...cells, { reviewClass: 'other', state: '12', country: 'CA', slice: 2, count: 4 }];
    expect(buildAtoms(more, populations)).toEqual([
      { cells: [0], count: 12, populations: [0, 1, 2, 3] },
      // The other applicants of state 12 in the US and in Canada: the same populations, one atom.
      { cells: [1, 4], count: 9, populations: [0, 2] },
      { cells: [2], count: 10, populations: [0, 3] },
    ]);
    // A cell in no published population is in no atom.
    expect(buildAtoms(more, [{ id: 'e', scope: 'received', entity: '14' }])).toEqual([
      { cells: [2], count: 10, populations: [0] },
    ]);
  });
});
