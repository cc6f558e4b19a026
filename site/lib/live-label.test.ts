import { describe, expect, it } from 'vitest';
import { useTranslations } from '../i18n/ui.ts';
import { figuresLabels } from './live-label.ts';
import type { DatedProcess } from './processes.ts';

// The 2022-2023 calendar as report R2 §4.1 and §4.1.2 give it; election day from INE's calendar.
const process = {
  slug: 'pel-2022-2023',
  registration_opens: '2022-09-01',
  registration_closes: '2023-03-10',
  correction_deadline: '2023-03-24',
  election_day: '2023-06-04',
} as DatedProcess;

describe('figuresLabels', () => {
  it('says "live" while the registration runs', () => {
    const labels = figuresLabels(useTranslations('es'), '2022-11-15', process);
    expect(labels).toMatchObject({ live: true, nav: 'Registro en vivo' });
  });
  it('names the process and its final figures in December 2026, in both languages', () => {
    expect(figuresLabels(useTranslations('es'), '2026-12-06', process)).toEqual({
      live: false,
      nav: 'Registro 2022–2023 (cifras finales)',
      home: 'Registro 2022–2023: cifras finales',
      title: 'Registro para votar desde el extranjero 2022–2023: cifras finales',
    });
    expect(figuresLabels(useTranslations('en'), '2026-12-06', process).nav).toBe(
      '2022–2023 registration (final figures)',
    );
  });
});
