import { describe, expect, it } from 'vitest';
import { bearer, call } from '../../tests/support/helpers.ts';
import { createProcess, csv, postBatch, row } from '../../tests/support/registration-helpers.ts';
import { SIZE_NAMES } from '../domain/infographics.ts';
import { TEMPLATES } from './templates/index.ts';

interface Info {
  code: string;
  verify_url: string;
  alt: { es: string; en: string };
}

interface Record {
  code: string;
  kind: string;
  process: string;
  version: string;
  figures: { template: string; size: string; text: { es: string; en: string } };
  render: { path: string };
}

describe('verification codes on images', () => {
  it('name every template and size, are recorded on first serve with the figures shown, and follow the figures', async () => {
    const auth = await createProcess('img-code');
    await postBatch('img-code', csv([row('I1'), row('I2', { country: 'CA' })]), auth);
    // cut-changes draws a cut: take one.
    const cut = await call('/api/v1/registrations/img-code/cuts', {
      method: 'POST',
      headers: { ...(await bearer('admin')), 'content-type': 'application/json' },
      body: JSON.stringify({ date: '2023-10-15' }),
    });
    expect(cut.status, await cut.text()).toBe(201);
    const codes = new Set<string>();
    for (const template of TEMPLATES) {
      for (const size of SIZE_NAMES) {
        const query = template.id === 'page-card' ? `page=/es/&size=${size}` : `process=img-code&size=${size}`;
        const info = (await (await call(`/api/v1/infographics/${template.id}.json?${query}`)).json()) as Info;
        expect(info.code, `${template.id} ${size}`).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
        expect(info.verify_url).toBe(`/v/${info.code}`);
        const record = (await (await call(`/api/v1/publications/${info.code}`)).json()) as Record;
        expect(record).toMatchObject({ code: info.code, kind: 'image', figures: { template: template.id, size } });
        // The figures recorded are the sentences the image shows (its alt text), in both languages.
        expect(record.figures.text).toEqual(info.alt);
        codes.add(info.code);
      }
    }
    // Templates and sizes show different figures (a story has more bars): the codes differ.
    expect(codes.size).toBeGreaterThan(TEMPLATES.length);
    const path = '/api/v1/infographics/registrations-total.json?process=img-code';
    const before = (await (await call(path)).json()) as Info;
    // The other language of the same image shows the same figures: the same code.
    const english = (await (await call(`${path}&lang=en`)).json()) as Info;
    expect(english.code).toBe(before.code);
    await postBatch('img-code', csv([row('I3')]), auth);
    const after = (await (await call(path)).json()) as Info;
    expect(after.code).not.toBe(before.code);
    const record = (await (await call(`/api/v1/publications/${after.code}`)).json()) as Record;
    expect(record.version).not.toBe(
      ((await (await call(`/api/v1/publications/${before.code}`)).json()) as Record).version,
    );
  });
});
