import { describe, expect, it } from 'vitest';
import type { ProcessRecord } from '../../processes/store.ts';
import type { Summary } from '../summary.ts';
import { windowState } from './model.ts';

const process = {
  slug: 'p',
  registration_opens: '2020-09-01',
  registration_closes: '2021-03-10',
} as ProcessRecord;
const summary = (last?: string) =>
  ({
    daily: last
      ? [
          { date: '2020-09-01', count: 1 },
          { date: last, count: 1 },
        ]
      : [],
  }) as unknown as Summary;

describe('windowState', () => {
  it('counts today while the window is open', () => {
    expect(windowState(process, summary('2020-11-30'), '2020-12-01')).toEqual({
      state: 'open',
      day: 92,
      days: 191,
      left: 99,
      reference: '2020-12-01',
    });
  });

  it("uses the last day with figures once the window has closed (a report's cut-off)", () => {
    expect(windowState(process, summary('2020-11-30'), '2026-11-23')).toEqual({
      state: 'closed',
      day: 91,
      days: 191,
      left: 100,
      reference: '2020-11-30',
    });
  });

  it('knows a window that has not opened', () => {
    expect(windowState(process, summary(), '2020-08-01')).toMatchObject({ state: 'upcoming', day: 0 });
  });
});
