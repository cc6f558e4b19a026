// Runs in the browser beside Decap CMS (bundled to /admin/editor.js): the file formats of this repository, the
// content:check rules and messages before anything is saved, and a preview in the site's own styles.
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { z } from 'zod';
import { PAGE_SCHEMAS, splitFrontMatter } from '../content-check/front-matter.ts';
import { describeIssue } from '../zod-issues.ts';
import { DATA_LISTS, YAML_LIST_FORMAT } from './config.ts';
import {
  applyPhrases,
  chooseEditorLocale,
  EDITOR_LOCALE_KEY,
  EDITOR_LOCALES,
  type EditorLocale,
  PHRASE_OVERRIDES,
  type PhraseTree,
  SWITCH_LABEL,
} from './editor-locale.ts';
import { cleanFrontMatter, FRONT_MATTER_FORMAT } from './front-matter-format.ts';
import { listFromFile, listToFile } from './yaml-list.ts';

interface Immutable {
  get(key: string): unknown;
  getIn(path: string[]): unknown;
  setIn(path: (string | number)[], value: unknown): Immutable;
  toJS(): unknown;
}

interface DecapCms {
  registerCustomFormat(name: string, extension: string, format: object): void;
  registerEventListener(listener: { name: string; handler: (event: { entry: Immutable }) => unknown }): void;
  registerPreviewStyle(url: string): void;
  registerPreviewTemplate(name: string, component: unknown): void;
  registerLocale(locale: string, phrases: object): void;
  init(options: { config: Record<string, unknown> }): void;
  getLocale(locale: string): PhraseTree | undefined;
}

declare global {
  interface Window {
    CMS: DecapCms;
    h: (tag: unknown, props: object | null, ...children: unknown[]) => unknown;
  }
}

const CMS = window.CMS;

/** Front-matter keys in the schemas' order (title and description first), whatever order the editor filled them. */
const KEY_ORDER = [
  ...new Set(Object.values(PAGE_SCHEMAS).flatMap((schema) => Object.keys((schema as unknown as z.ZodObject).shape))),
];

function ordered(front: Record<string, unknown>): Record<string, unknown> {
  const rank = (key: string) => (KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : KEY_ORDER.length);
  return Object.fromEntries(Object.entries(front).sort(([a], [b]) => rank(a) - rank(b)));
}

// Page files: YAML front matter (only the fields that have a value) and a Markdown body.
CMS.registerCustomFormat(FRONT_MATTER_FORMAT, 'mdx', {
  fromFile(text: string) {
    const split = splitFrontMatter(text);
    if (!split) return { body: text };
    return { ...(parseYaml(split.yaml) ?? {}), body: split.body.replace(/^\n/, '') };
  },
  toFile(data: Record<string, unknown>) {
    const { body, ...front } = data;
    return `---\n${stringifyYaml(ordered(cleanFrontMatter(front)))}---\n\n${String(body ?? '').trim()}\n`;
  },
});

// The data files are bare YAML lists; the editor sees them as an object with one list, `items`, and saves them
// back with their comments.
CMS.registerCustomFormat(YAML_LIST_FORMAT, 'yaml', { fromFile: listFromFile, toFile: listToFile });

// Decap's phrase tables, with our overrides (see PHRASE_OVERRIDES), in each language the editor offers.
for (const locale of EDITOR_LOCALES) {
  const phrases = CMS.getLocale(locale);
  if (!phrases) continue;
  for (const overrides of PHRASE_OVERRIDES[locale]) applyPhrases(phrases, overrides);
  CMS.registerLocale(locale, phrases);
}

function problems(schema: z.ZodType, data: unknown, suffix: string): string[] {
  const parsed = schema.safeParse(data);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${describeIssue(issue, data)}. ${suffix}`);
}

/** The pixel size of an image the site serves (the file just uploaded, in local mode), or null when it is not one. */
function pixelSize(path: string): Promise<string | null> {
  if (!/\.(png|jpe?g|svg|webp|gif)$/i.test(path)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve(image.naturalWidth ? `${image.naturalWidth}x${image.naturalHeight}` : null);
    image.onerror = () => resolve(null);
    image.src = path;
  });
}

/** Records each material's real pixel size, read from the file, so 'dimensions' never disagrees with it. */
async function measureMaterials(data: Immutable): Promise<Immutable> {
  let out = data;
  const items = (data.toJS() as { items?: { file?: unknown }[] }).items ?? [];
  for (const [index, item] of items.entries()) {
    const size = typeof item.file === 'string' ? await pixelSize(item.file) : null;
    if (size) out = out.setIn(['items', index, 'dimensions'], size);
  }
  return out;
}

/** The same rules as content:check, with its words: the save stops and the notification lists what to fix. */
CMS.registerEventListener({
  name: 'preSave',
  handler: async ({ entry }) => {
    const collection = entry.get('collection') as string;
    const found: string[] = [];
    let measured: Immutable | undefined;
    const pageSchema = (PAGE_SCHEMAS as Record<string, z.ZodType>)[collection];
    if (pageSchema) {
      for (const [lang, data] of [
        ['es', entry.get('data')],
        ['en', entry.getIn(['i18n', 'en', 'data'])],
      ] as const) {
        if (!data) continue;
        const { body: _body, ...front } = (data as Immutable).toJS() as Record<string, unknown>;
        for (const message of problems(pageSchema, cleanFrontMatter(front), 'Fix the front matter.'))
          found.push(`${lang}: ${message}`);
      }
    } else if (collection === 'data') {
      const list = DATA_LISTS[entry.get('slug') as string];
      if (entry.get('slug') === 'materials') measured = await measureMaterials(entry.get('data') as Immutable);
      const items = ((measured ?? (entry.get('data') as Immutable)).toJS() as { items?: unknown[] }).items ?? [];
      items.forEach((item, index) => {
        const clean = cleanFrontMatter(item as Record<string, unknown>);
        if (list)
          for (const message of problems(list.schema, clean, 'Fix the entry.')) found.push(`${index + 1}: ${message}`);
      });
    }
    if (found.length > 0) throw new Error(found.join(' · '));
    return measured;
  },
});

CMS.registerPreviewStyle('/admin/preview.css');

/** A page as the site lays it out: title, summary, the facts list, then the text. */
function PagePreview({ entry }: { entry: Immutable }) {
  const { h } = window;
  const data = (entry.get('data') as Immutable).toJS() as Record<string, unknown>;
  const facts = ['date', 'start', 'end', 'time', 'place', 'organizer', 'source', 'expires', 'publish_date', 'updated']
    .filter((key) => data[key])
    .flatMap((key) => [h('dt', { key: `${key}-t` }, key), h('dd', { key: `${key}-d` }, String(data[key]))]);
  // Staff's own Markdown and inline HTML (`<span lang>`), rendered as the site renders it, tables included.
  const html = micromark(String(data.body ?? ''), {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
  });
  const article = h('article', { className: 'prose', dangerouslySetInnerHTML: { __html: html } });
  return h(
    'main',
    { id: 'main', className: 'page' },
    data.draft ? h('p', { className: 'notice' }, 'Borrador / Draft') : null,
    h('h1', null, String(data.title ?? '')),
    h('p', { className: 'lead' }, String(data.description ?? '')),
    facts.length ? h('dl', { className: 'facts' }, ...facts) : null,
    data.level === 'important' ? h('div', { className: 'notice-item important' }, article) : article,
  );
}

for (const name of Object.keys(PAGE_SCHEMAS)) CMS.registerPreviewTemplate(name, PagePreview);

// Decap has no menu entry of its own for this, so the translation status is one fixed link on every screen.
const link = document.createElement('a');
link.href = '/admin/translations.html';
link.target = '_blank';
link.textContent = 'Traducciones pendientes / Translation status';
link.className = 'vx-translations-link';
/** The look of the editor's fixed links (bottom right, over Decap's own interface). */
const FIXED_LINK_STYLE = {
  position: 'fixed',
  right: '1rem',
  zIndex: '400',
  padding: '0.5rem 0.75rem',
  background: '#fff',
  border: '2px solid #1f5f3a',
  borderRadius: '4px',
  color: '#1f5f3a',
  fontWeight: '600',
};
Object.assign(link.style, FIXED_LINK_STYLE, { bottom: '1rem' });
document.body.appendChild(link);

// The interface language: Spanish unless English was chosen (admin-files.ts sets CMS_MANUAL_INIT so that Decap
// waits for it); the file's `locale: es` is the default, the choice overrides it.
const locale = chooseEditorLocale(window.location.search, window.localStorage.getItem(EDITOR_LOCALE_KEY));
window.localStorage.setItem(EDITOR_LOCALE_KEY, locale);
document.documentElement.lang = locale;
const other: EditorLocale = locale === 'es' ? 'en' : 'es';
const switcher = document.createElement('a');
switcher.href = `/admin/?lang=${other}`;
switcher.hreflang = other;
switcher.lang = other;
switcher.textContent = SWITCH_LABEL[other];
switcher.className = 'vx-locale-switch';
Object.assign(switcher.style, FIXED_LINK_STYLE, { bottom: '3.75rem' });
document.body.appendChild(switcher);
CMS.init({ config: { locale } });
