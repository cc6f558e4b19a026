import { describe, expect, it } from 'vitest';
import { call } from '../../../tests/support/helpers.ts';
import { createProcess, csv, postBatch, row } from '../../../tests/support/registration-helpers.ts';

describe('/embed/registrations', () => {
  it('renders a frame-able view with no script but the shared one', async () => {
    const auth = await createProcess('e-basic');
    await postBatch('e-basic', csv([row('E1'), row('E2', { country: 'CA', status: 'cumple' })]), auth);
    const response = await call('/embed/registrations?process=e-basic&view=countries&lang=en');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(response.headers.get('x-frame-options')).toBeNull();
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<svg class="world-map"');
    expect(html).toMatch(/<th scope="row">Canada<span class="bar"[^>]*><\/span><\/th><td class="num">1<\/td>/);
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([
      expect.stringMatching(/^<script src="\/embed\/assets\/embed\.[0-9a-f]{12}\.js" data-embed defer>$/),
    ]);
    expect(html).not.toContain('<style');
  });

  it('serves the shared stylesheet and script under their content hash, cached for a year', async () => {
    const auth = await createProcess('e-assets');
    await postBatch('e-assets', csv([row('E1')]), auth);
    const html = await (await call('/embed/registrations?process=e-assets')).text();
    const css = /<link rel="stylesheet" href="(\/embed\/assets\/embed\.[0-9a-f]{12}\.css)">/.exec(html)?.[1] ?? '';
    const js = /<script src="(\/embed\/assets\/embed\.[0-9a-f]{12}\.js)"/.exec(html)?.[1] ?? '';
    const style = await call(css);
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(style.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await style.text()).toContain('.vx{');
    const script = await call(js);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // Another deploy's name gets today's file, kept only briefly; a name of no embed file is 404.
    const older = await call(css.replace(/\.[0-9a-f]{12}\./, '.000000000000.'));
    expect(older.status).toBe(200);
    expect(older.headers.get('cache-control')).toBe('public, max-age=300');
    expect((await call('/embed/assets/other.000000000000.css')).status).toBe(404);
    expect((await call('/embed/assets/embed.css')).status).toBe(404);
  });

  it('answers 304 to a revalidation and changes after an ingest', async () => {
    const auth = await createProcess('e-cache');
    await postBatch('e-cache', csv([row('E1')]), auth);
    const first = await call('/embed/registrations?process=e-cache');
    const etag = first.headers.get('etag') ?? '';
    expect(first.headers.get('cache-control')).toContain('max-age');
    expect((await call('/embed/registrations?process=e-cache', { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
    await postBatch('e-cache', csv([row('E2')]), auth);
    const after = await call('/embed/registrations?process=e-cache', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('<strong>2</strong>');
  });

  it('shows a readable error page for bad parameters and unknown processes', async () => {
    const bad = await call('/embed/registrations?view=pie&theme=neon&lang=en');
    expect(bad.status).toBe(422);
    const text = await bad.text();
    expect(text).toContain('This view cannot be shown');
    expect(text).toContain('view: must be one of');
    expect(text).toContain('theme: must be auto, light or dark');
    const unknown = await call('/embed/registrations?process=nope-nope&lang=es');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('No se puede mostrar esta vista');
    const script = await call('/embed/registrations?process=%3Cscript%3E&lang=es');
    expect(await script.text()).not.toContain('<script>');
  });
});

describe('view CSV downloads', () => {
  it('export exactly the figures of the view, with labels in the language', async () => {
    const auth = await createProcess('e-csv');
    await postBatch(
      'e-csv',
      csv([
        row('C1', { modality: 'postal' }),
        row('C2'),
        row('C3', { channel: 'inetel' }),
        ...Array.from({ length: 9 }, (_, i) => row(`F${i}`)),
        row('C4', { country: 'CA' }),
      ]),
      auth,
    );
    const response = await call('/api/v1/registrations/e-csv/views/modality.csv?lang=es');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('e-csv-modality-received.csv');
    const lines = (await response.text()).trim().split('\r\n');
    // The first line names the publication: its code and the page that shows it (the contract's format).
    expect(lines[0]).toMatch(
      /^# verificación \/ verification: ([0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}) https:\/\/voto\.test\/v\/\1$/,
    );
    const code = lines[0]?.split(' ')[4];
    expect((await call(`/api/v1/publications/${code}`)).status).toBe(200);
    expect(lines[1]).toBe('table,code,label,count,share');
    expect(lines).toContain('modality,postal,Postal,1,0.0769');
    expect(lines).toContain('channel,inetel,Por teléfono (INETEL),1,0.0769');
    const timeline = await (await call('/api/v1/registrations/e-csv/views/timeline.csv')).text();
    // Between the code line and the manifest line (the signature), the figures.
    const timelineLines = timeline.trim().split('\r\n');
    expect(timelineLines.slice(1, -1)).toEqual(['date,daily,cumulative', '2023-10-02,13,13']);
    expect(timelineLines.at(-1)).toMatch(/^# manifest: \{"code":/);
    // One applicant in Canada: the CSV gives the total and says why the breakdowns are not there.
    const small = (await (await call('/api/v1/registrations/e-csv/views/modality.csv?country=CA&lang=en')).text())
      .trim()
      .split('\r\n')
      .slice(1, -1);
    expect(small[1]).toBe('total,,registration applications received,1,1');
    // One line per breakdown of the view, each the sentence that says why, and nothing else.
    expect(small.slice(2).map((line) => line.split(',')[0])).toEqual(['modality', 'channel', 'credential']);
    // The sentence of rule 1 (a small group); CSV quotes it only if it holds a comma.
    for (const line of small.slice(2))
      expect(line).toMatch(
        /^[a-z]+,,"?To protect people this breakdown is not shown: it describes fewer than 10 applications/,
      );
    expect(small.join('\n')).not.toMatch(/internet|srve|cpve/);
    const smallTimeline = await (await call('/api/v1/registrations/e-csv/views/timeline.csv?country=CA')).text();
    expect(smallTimeline).toContain('Para proteger a las personas');
    expect(smallTimeline).not.toContain('2023-10-02');
    expect((await call('/api/v1/registrations/e-csv/views/pie.csv')).status).toBe(404);
  });
});
