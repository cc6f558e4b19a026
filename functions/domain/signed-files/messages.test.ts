import { describe, expect, it } from 'vitest';
import { formatters } from '../../../site/i18n/format.ts';
import { verdictSentence } from './messages.ts';

const authentic = {
  authentic: true,
  kind: 'png',
  code: '7K2QF-9XM4D',
  kid: 'k1',
  signed_at: '2026-12-06T18:30:00Z',
} as const;

describe('verdictSentence', () => {
  it("says authentic, when (in UTC, in the reader's words) and under which code, in each language", () => {
    expect(formatters('es').dateTime(authentic.signed_at)).toMatch(/^6 de diciembre de 2026.*UTC$/);
    expect(verdictSentence(authentic, 'es')).toBe(
      `Auténtico: Voto Extranjero publicó esta imagen el ${formatters('es').dateTime(authentic.signed_at)} con el código 7K2QF-9XM4D (clave k1).`,
    );
    expect(verdictSentence(authentic, 'en')).toBe(
      `Authentic: Voto Extranjero published this image on ${formatters('en').dateTime(authentic.signed_at)} under code 7K2QF-9XM4D (key k1).`,
    );
  });

  it('says exactly why not, naming the code the file claims when it names one', () => {
    const changed = { authentic: false, reason: 'content-changed', code: '7K2QF-9XM4D' } as const;
    expect(verdictSentence(changed, 'en')).toMatch(/^Not authentic: the content changed .* claims code 7K2QF-9XM4D\.$/);
    expect(verdictSentence({ authentic: false, reason: 'no-manifest' }, 'es')).toMatch(/^No auténtico: el archivo no/);
    expect(verdictSentence({ authentic: false, reason: 'too-large' }, 'es')).toMatch(/más de 20 MB/);
  });
});
