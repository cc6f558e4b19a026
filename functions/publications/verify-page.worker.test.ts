import { describe, expect, it } from 'vitest';
import { call } from '../../tests/support/helpers.ts';
import { createProcess, csv, postBatch, row } from '../../tests/support/registration-helpers.ts';

describe('/v/{code} and the verify pages', () => {
  it('send the reader to the page in their language, which shows what was published and says when it is superseded', async () => {
    const auth = await createProcess('verify-page');
    await postBatch('verify-page', csv([row('V1'), row('V2')]), auth);
    const info = (await (
      await call('/api/v1/infographics/registrations-total.json?process=verify-page&lang=en')
    ).json()) as { code: string; alt: { es: string; en: string } };
    const english = await call(`/v/${info.code}`, {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
      redirect: 'manual',
    });
    expect(english.status).toBe(302);
    expect(english.headers.get('location')).toBe(`/en/verify/${info.code}/`);
    const spanish = await call(`/v/${info.code}`, { redirect: 'manual' });
    expect(spanish.headers.get('location')).toBe(`/es/verificar/${info.code}/`);

    const page = await call(`/es/verificar/${info.code}/`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain(`Publicación ${info.code}`);
    expect(text).toContain('<meta name="viewport"');
    expect(text).toContain(info.alt.es.slice(0, 40));
    expect(text).toContain(
      '<img class="verify-image" src="/api/v1/infographics/registrations-total.png?process=verify-page',
    );
    expect(text).toContain('<div data-verify-drop data-lang="es"></div>');
    expect(text).toContain('<script type="module" src="/verify/check.js"></script>');
    expect(text).toContain('Son las cifras actuales.');

    await postBatch('verify-page', csv([row('V3')]), auth);
    const later = await (await call(`/en/verify/${info.code}/`)).text();
    expect(later).toContain('Newer figures exist.');
    expect(later).not.toContain('class="verify-image"');
  });

  it("say plainly, with a 404 in the reader's language, that an unknown or malformed code names nothing", async () => {
    for (const [path, sentence] of [
      ['/es/verificar/00000-00000/', 'No hay ninguna publicación con este código'],
      ['/en/verify/00000-00000/', 'There is no publication with this code'],
      ['/es/verificar/%3Cscript%3E/', 'No hay ninguna publicación con este código'],
      ['/en/verify/ABCDE-FGHIJ/', 'There is no publication with this code'],
    ] as const) {
      const response = await call(path);
      expect(response.status, path).toBe(404);
      const text = await response.text();
      expect(text, path).toContain(sentence);
      expect(text).not.toContain('<script>');
    }
  });
});
