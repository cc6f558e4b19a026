// Over 250 lines on purpose: every content:check rule over the same throw-away content root, each case one rule and its message.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContent } from './content-check.ts';

const TODAY = '2026-11-23';
let root = '';

function fixture(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'content-check-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function guide(front: Record<string, string | number | boolean>, body = 'Texto.\n'): string {
  const base = {
    title: 'Registro para votar',
    description: 'Cómo registrarte para votar desde el extranjero.',
    updated: '2026-11-01',
    section: 'registro',
    order: 1,
  };
  const lines = Object.entries({ ...base, ...front }).map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

async function messages(files: Record<string, string>): Promise<string[]> {
  const result = await checkContent({ root: fixture(files), today: TODAY });
  return result.errors.map((error) => `${error.file}: ${error.message}`);
}

describe('content check', () => {
  it('passes a valid bilingual guide and reports it translated', async () => {
    const result = await checkContent({
      root: fixture({
        'content/guides/es/registro.mdx': guide({}),
        'content/guides/en/registro.mdx': guide({ title: 'Registering' }),
      }),
      today: TODAY,
    });
    expect(result.errors).toEqual([]);
    expect(result.translations).toEqual([
      { collection: 'guides', slug: 'registro', es: '2026-11-01', en: '2026-11-01', status: 'translated' },
    ]);
  });

  it('names the file, the field and the fix for a bad date', async () => {
    expect(await messages({ 'content/guides/es/registro.mdx': guide({ updated: '23/11/2026' }) })).toEqual([
      "content/guides/es/registro.mdx: 'updated' must be a date written YYYY-MM-DD. Fix the front matter.",
    ]);
  });

  it('reports missing fields, unknown fields and values outside a list', async () => {
    const text = '---\ntitle: Registro\nupdated: 2026-11-01\nsection: votos\norder: 1\ncolour: red\n---\nTexto.\n';
    expect((await messages({ 'content/guides/es/registro.mdx': text })).sort()).toEqual(
      [
        "content/guides/es/registro.mdx: 'colour' is not a field here. Remove it or check the spelling. Fix the front matter.",
        "content/guides/es/registro.mdx: 'description' is required. Fix the front matter.",
        "content/guides/es/registro.mdx: 'section' must be one of: credencial, registro, votar, informacion. Fix the front matter.",
      ].sort(),
    );
  });

  it('rejects an event that ends before it starts', async () => {
    const text =
      '---\ntitle: Taller\ndescription: Un taller de registro en línea para la comunidad.\nupdated: 2026-11-01\nstart: 2022-10-20\nend: 2022-10-19\nkind: taller\nformat: virtual\norganizer: INE\n---\nTexto.\n';
    expect(await messages({ 'content/events/es/taller.mdx': text })).toEqual([
      "content/events/es/taller.mdx: 'end' is before start; an event cannot end before it begins. Fix the front matter.",
    ]);
  });

  it('finds broken internal links, links to the other language, plain http and missing alt text', async () => {
    const body = [
      'Lee [la guía](/es/guias/no-existe/).',
      'Or [in English](/en/guias/registro/).',
      'Mira [esto](http://example.com/).',
      '![](/materiales/x.svg)',
      'Ve a [preguntas](/es/preguntas/#nada).',
      '',
    ].join('\n');
    expect(await messages({ 'content/guides/es/registro.mdx': guide({}, body) })).toEqual([
      'content/guides/es/registro.mdx:8: links to /es/guias/no-existe/, which does not exist. Fix the link.',
      'content/guides/es/registro.mdx:9: links to /en/guias/registro/, a page in the other language. Use /es/guias/registro/.',
      'content/guides/es/registro.mdx:10: links to http://example.com/ over plain http. Use the https:// address.',
      'content/guides/es/registro.mdx:11: has an image (/materiales/x.svg) without alt text. Describe what it shows: ![what the image shows](/materiales/x.svg).',
      'content/guides/es/registro.mdx:11: links to /materiales/x.svg, which does not exist. Fix the link.',
      'content/guides/es/registro.mdx:12: links to the question #nada, which does not exist. Use the slug of a file in content/faq/.',
    ]);
  });

  it('refuses a link to a draft or a scheduled page, and a level-1 heading', async () => {
    const files = {
      'content/guides/es/borrador.mdx': guide({ draft: true }),
      'content/guides/es/pronto.mdx': guide({ publish_date: '2027-01-01' }),
      'content/guides/es/registro.mdx': guide(
        {},
        '# Título\n\nVer [borrador](/es/guias/borrador/) y [pronto](/es/guias/pronto/).\n',
      ),
    };
    expect(await messages(files)).toEqual([
      'content/guides/es/registro.mdx:8: has a level-1 heading. The page prints the title already; start sections with ##.',
      'content/guides/es/registro.mdx:10: links to /es/guias/borrador/, which is a draft page and will not be built. Publish it first or remove the link.',
      'content/guides/es/registro.mdx:10: links to /es/guias/pronto/, which is a scheduled page and will not be built. Publish it first or remove the link.',
    ]);
  });

  it('reports translation status: missing English, English older than Spanish', async () => {
    const result = await checkContent({
      root: fixture({
        'content/guides/es/registro.mdx': guide({ updated: '2026-11-20' }),
        'content/guides/en/registro.mdx': guide({ updated: '2026-10-01' }),
        'content/guides/es/voto-postal.mdx': guide({}),
      }),
      today: TODAY,
    });
    expect(result.errors).toEqual([]);
    expect(result.translations.map((row) => [row.slug, row.status])).toEqual([
      ['registro', 'English older'],
      ['voto-postal', 'missing English'],
    ]);
  });

  it('checks data files: campaign references, material files and their real size', async () => {
    const campaign = 'campaigns.yaml';
    const files = {
      [`content/${campaign}`]:
        '- id: credencial-2024\n  name: { es: Credencial, en: Credential }\n  description: { es: Campaña, en: Campaign }\n  start: 2024-10-30\n  end: 2024-12-10\n  source: 004 3.1.5\n',
      'content/materials.yaml': [
        '- id: banner-a\n  campaign: credencial-2024\n  kind: banner\n  title: { es: Banner, en: Banner }\n  alt: { es: Un banner, en: A banner }\n  lang: es\n  dimensions: 1200x630\n  start: 2024-10-30\n  end: 2024-12-10\n  file: /materiales/a.svg',
        '- id: banner-b\n  campaign: otra\n  kind: banner\n  title: { es: Banner, en: Banner }\n  alt: { es: Un banner, en: A banner }\n  lang: es\n  dimensions: 1080x1080\n  start: 2024-10-30\n  end: 2024-12-10\n  file: /materiales/falta.svg',
      ].join('\n'),
      'public/materiales/a.svg':
        '<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1080" viewBox="0 0 1080 1080"></svg>',
    };
    expect(await messages(files)).toEqual([
      "content/materials.yaml (id banner-a): 'dimensions' says 1200x630 but /materiales/a.svg is 1080x1080. Fix 'dimensions' or the file.",
      "content/materials.yaml (id banner-b): 'campaign' names 'otra', which is not in content/campaigns.yaml. Use one of: credencial-2024.",
      "content/materials.yaml (id banner-b): 'file' /materiales/falta.svg does not exist. Put the file in public/materiales/falta.svg or fix the path.",
    ]);
  });

  it('says where a misplaced file should go and when a name cannot be an address', async () => {
    expect(
      await messages({ 'content/guides/registro.mdx': guide({}), 'content/guides/es/Mi Guía.mdx': guide({}) }),
    ).toEqual([
      'content/guides/es/Mi Guía.mdx: has a file name that cannot be a web address. Rename it with lowercase letters, digits and hyphens (for example mi-guia.mdx).',
      'content/guides/registro.mdx: is not where the build reads guides. Move it to content/guides/es/<slug>.mdx or content/guides/en/<slug>.mdx.',
    ]);
  });
});

describe('glossary terms in English text', () => {
  const glossary = [
    '- id: inetel',
    '  term: INETEL',
    '  spanish: true',
    '  name: { es: INETEL, en: "INETEL, INE\'s help centre" }',
    '  definition: { es: El centro de atención del INE., en: "INE\'s help centre." }',
    '- id: cpve',
    '  term: CPVE',
    '  spanish: true',
    '  name: { es: Credencial para Votar desde el Extranjero, en: voter ID card issued abroad }',
    '  definition: { es: La credencial., en: The card. }',
    '  english: voter ID card',
    '  avoid_in_english: [voter credential]',
    '',
  ].join('\n');

  it('flags an unmarked Spanish term and an avoided wording at their line, and accepts marked ones', async () => {
    const body = [
      'Call <span lang="es">INETEL</span> first.',
      'Then call INETEL again, not INETELS.',
      'Bring your voter credential and your `CPVE` code.',
      '[Ask <span lang="es">INETEL</span>](https://www.ine.mx/INETEL).',
      '',
    ].join('\n');
    expect(
      await messages({ 'content/glossary.yaml': glossary, 'content/guides/en/registro.mdx': guide({}, body) }),
    ).toEqual([
      `content/guides/en/registro.mdx:9: has the Spanish term 'INETEL' outside <span lang="es">. Write <span lang="es">INETEL</span> so screen readers say it in Spanish (content/glossary.yaml, inetel).`,
      "content/guides/en/registro.mdx:10: says 'voter credential'. This site writes 'voter ID card' for this (content/glossary.yaml, cpve): use that wording.",
    ]);
  });

  it('leaves Spanish pages alone', async () => {
    const files = {
      'content/glossary.yaml': glossary,
      'content/guides/es/registro.mdx': guide({}, 'Llama a INETEL.\n'),
    };
    expect(await messages(files)).toEqual([]);
  });
});

describe('process dates and their sources', () => {
  // Content with processes also needs the between-elections block's dated statement.
  const BETWEEN = JSON.stringify({ checked_on: '2026-11-23', source: { es: 'Informe de 2024', en: '2024 report' } });
  const process = (dates: string[]) =>
    JSON.stringify({
      name: { es: 'Procesos Electorales Locales 2026-2027', en: '2026-2027 Local Elections' },
      kind: 'local',
      registration_opens: '2026-09-01',
      registration_closes: '2027-03-10',
      correction_deadline: null,
      election_day: '2027-06-06',
      modalities: ['internet'],
      states: {},
      has_registration_data: false,
      sources: [{ es: 'INE, un acuerdo', en: 'INE, an agreement', dates }],
    });

  it('refuses a process date that no source names', async () => {
    const files = {
      'content/processes/pel-2026-2027.json': process(['registration_opens', 'registration_closes']),
      'content/between-elections.json': BETWEEN,
    };
    expect(await messages(files)).toEqual([
      "content/processes/pel-2026-2027.json: 'election_day' has no source: add 'election_day' to the 'dates' of the source (report and section, or outside source) that gives it. Fix the file.",
    ]);
  });

  it('accepts a process announced without dates only with what the report said and when', async () => {
    const announced = JSON.parse(process([]));
    Object.assign(announced, { registration_opens: null, registration_closes: null, election_day: null });
    const files = (json: unknown) => ({
      'content/processes/pel-2026-2027.json': JSON.stringify(json),
      'content/between-elections.json': BETWEEN,
    });
    expect(await messages(files(announced))).toEqual([
      "content/processes/pel-2026-2027.json: 'announcement' is required while the dates are not published (say what the report announced and its month). Fix the file.",
    ]);
    announced.announcement = {
      reported_in: '2024-12',
      es: 'El INE prepara el voto por internet.',
      en: 'INE is preparing internet voting.',
    };
    // An announcement is time-sensitive: without its check day and source it is refused.
    expect(await messages(files(announced))).toEqual([
      "content/processes/pel-2026-2027.json: 'announcement.checked_on' is required. Fix the file.",
      "content/processes/pel-2026-2027.json: 'announcement.source' is required. Fix the file.",
    ]);
    Object.assign(announced.announcement, { checked_on: '2026-11-23', source: { es: 'R4 §2.3', en: 'R4 §2.3' } });
    expect(await messages(files(announced))).toEqual([]);
  });
});
