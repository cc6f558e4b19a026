import { describe, expect, it } from 'vitest';
import { figuresAreLive, processFiguresLive, statementTense } from './freshness.ts';

describe('statementTense', () => {
  it('keeps a statement checked today, or 90 days ago, in the present tense', () => {
    expect(statementTense('2026-12-06', '2026-12-06')).toBe('current');
    // 6 Dec 2026 + 90 days = 6 Mar 2027 (25 + 31 + 28 + 6)
    expect(statementTense('2026-12-06', '2027-03-06')).toBe('current');
  });
  it('prints a statement checked 91 days before the build "as of" its check', () => {
    expect(statementTense('2026-12-06', '2027-03-07')).toBe('as-of');
    expect(statementTense('2024-12-01', '2026-12-06')).toBe('as-of');
  });
});

describe('figuresAreLive', () => {
  it('is live up to 7 days after the last change, not on the 8th, never without figures', () => {
    expect(figuresAreLive('2022-11-15', '2022-11-22')).toBe(true);
    expect(figuresAreLive('2022-11-15', '2022-11-23')).toBe(false);
    expect(figuresAreLive(null, '2022-11-22')).toBe(false);
  });
});

describe('processFiguresLive', () => {
  const process = {
    registration_opens: '2022-09-01',
    registration_closes: '2023-03-10',
    correction_deadline: '2023-03-24',
  };
  it('is live while registration and review run, and a week after the review ends', () => {
    expect(processFiguresLive(process, '2022-10-01')).toBe(true);
    expect(processFiguresLive(process, '2023-03-31')).toBe(true);
  });
  it('is not live before registration opens, after the week, or without a calendar', () => {
    expect(processFiguresLive(process, '2022-08-31')).toBe(false);
    expect(processFiguresLive(process, '2023-04-01')).toBe(false);
    expect(processFiguresLive(process, '2026-12-06')).toBe(false);
    expect(
      processFiguresLive(
        { registration_opens: null, registration_closes: null, correction_deadline: null },
        '2026-12-06',
      ),
    ).toBe(false);
  });
});
