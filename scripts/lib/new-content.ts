// Scaffolds a new page in both languages with every required front matter field, ready to write.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PAGE_COLLECTIONS, type PageCollection } from '../../site/content/routes.ts';
import { LANGS } from '../../site/i18n/locales.ts';

const EXTRA_FIELDS: Record<PageCollection, (today: string) => string[]> = {
  guides: () => [
    'section: registro # credencial | registro | votar | informacion',
    'order: 99 # position within the section',
    'related: []',
  ],
  news: (today) => [`date: ${today}`, 'source: "INE, comunicado ###"', 'tags: []'],
  events: (today) => [
    `start: ${today}`,
    `# end: ${today}`,
    'kind: taller # taller | conversatorio | feria | foro | jornada | sesion | presentacion',
    'format: virtual # virtual | presencial | hibrido',
    '# place: Consulado de México en ...',
    'organizer: INE',
  ],
  notices: (today) => [
    `date: ${today}`,
    `# expires: ${today}`,
    'level: info # info | important',
    `checked_on: ${today} # the day you checked what the notice says against its source`,
    'source: "INE, informe ###, sección ###" # the report and section, or outside source',
  ],
  faq: () => ['topic: registro # credencial | registro | votar | sitio', 'order: 99'],
};

const TEXT = {
  es: {
    title: 'Título de la página',
    description: 'Una o dos frases que resumen la página para buscadores y redes sociales.',
    body: '## Primera sección\n\nEscribe aquí.\n',
  },
  en: {
    title: 'Page title',
    description: 'One or two sentences that sum up the page for search engines and social networks.',
    body: '## First section\n\nWrite here.\n',
  },
};

/** Writes content/<collection>/{es,en}/<slug>.mdx as drafts and returns their paths; refuses bad names and existing files. */
export async function scaffold(root: string, collection: string, slug: string, today: string): Promise<string[]> {
  if (!PAGE_COLLECTIONS.includes(collection as PageCollection)) {
    throw new Error(`'${collection}' is not a collection. Use one of: ${PAGE_COLLECTIONS.join(', ')}.`);
  }
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
    throw new Error(`'${slug}' cannot be a web address. Use lowercase letters, digits and hyphens, e.g. voto-postal.`);
  }
  const files = LANGS.map((lang) => join(root, 'content', collection, lang, `${slug}.mdx`));
  const existing = files.filter((file) => existsSync(file));
  if (existing.length > 0)
    throw new Error(`${existing.join(' and ')} already exist. Pick another slug or edit the existing page.`);
  for (const [index, lang] of LANGS.entries()) {
    const file = files[index] as string;
    const front = [
      `title: ${TEXT[lang].title}`,
      `description: ${TEXT[lang].description}`,
      `updated: ${today}`,
      ...EXTRA_FIELDS[collection as PageCollection](today),
      'draft: true # remove this line to publish',
      `# publish_date: ${today} # or schedule publication for a later day`,
    ];
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, `---\n${front.join('\n')}\n---\n\n${TEXT[lang].body}`);
  }
  return files;
}
