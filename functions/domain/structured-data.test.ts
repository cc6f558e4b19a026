import { describe, expect, it } from 'vitest';
import { jsonLdGraph, registrationsDataset, serializeJsonLd } from './structured-data.ts';

describe('JSON-LD serialisation', () => {
  it('cannot end the script element nor open a comment, and parses back to the same data', () => {
    const hostile = 'a </script><script>alert(1)</script> <!-- b & c \u2028';
    const text = serializeJsonLd(jsonLdGraph([{ '@type': 'Thing', name: hostile }]));
    expect(text).not.toMatch(/<|>|&/);
    expect(text).not.toContain('\u2028');
    expect(JSON.parse(text)).toEqual({
      '@context': 'https://schema.org',
      '@graph': [{ '@type': 'Thing', name: hostile }],
    });
  });
});

describe('the registrations Dataset', () => {
  const input = {
    process: 'pel-2022-2023',
    name: 'Registro',
    description: 'Solicitudes de registro para votar desde el extranjero, por país y estado.',
    lang: 'es',
    url: 'https://example.org/es/dashboard/cortes/pel-2022-2023/2022-11-15/',
    origin: 'https://example.org',
    from: '2022-09-01',
    to: '2022-11-15',
    publisher: { '@id': 'https://example.org/#organization' },
  };

  it('points every download at the cut when it describes one, and its zip package', () => {
    const dataset = registrationsDataset({ ...input, cut: '2022-11-15' }) as unknown as Record<string, unknown>;
    expect(dataset.temporalCoverage).toBe('2022-09-01/2022-11-15');
    const urls = (dataset.distribution as { contentUrl: string }[]).map((d) => d.contentUrl);
    expect(urls).toContain(
      'https://example.org/api/v1/registrations/pel-2022-2023/countries.csv?scope=cumple&cut=2022-11-15',
    );
    expect(urls).toContain(
      'https://example.org/api/v1/registrations/pel-2022-2023/views/modality.csv?lang=es&cut=2022-11-15',
    );
    expect(urls).toContain('https://example.org/api/v1/registrations/pel-2022-2023/cuts/2022-11-15.zip');
  });

  it('offers the live data package without a cut', () => {
    const dataset = registrationsDataset(input) as unknown as Record<string, unknown>;
    const urls = (dataset.distribution as { contentUrl: string }[]).map((d) => d.contentUrl);
    expect(urls).toContain('https://example.org/api/v1/registrations/pel-2022-2023/datapackage.json');
    expect(urls.some((url) => url.includes('cut='))).toBe(false);
    expect(dataset.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(dataset.creator).toMatchObject({ url: 'https://ine.mx' });
  });
});
