// Checks every content file the way the build will read it, and says what to fix in words staff can act on.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ENTITIES, ENTITY_CODES } from '../../functions/domain/entities.ts';
import { publicationState } from '../../site/content/publishing.ts';
import {
  entitySlug,
  HAS_OWN_PAGE,
  PAGE_COLLECTIONS,
  type PageCollection,
  SECTION_SEGMENT,
} from '../../site/content/routes.ts';
import {
  campaignSchema,
  eventSchema,
  faqSchema,
  guideSchema,
  materialSchema,
  newsSchema,
  noticeSchema,
  partnerSchema,
  processSchema,
} from '../../site/content/schemas.ts';
import { describeIssue } from './zod-issues.ts';

const LANGS = ['es', 'en'] as const;
type Lang = (typeof LANGS)[number];

const PAGE_SCHEMAS: Record<PageCollection, z.ZodType> = {
  guides: guideSchema,
  news: newsSchema,
  events: eventSchema,
  notices: noticeSchema,
  faq: faqSchema,
};

/** One thing wrong in one file, with the fix. */
export interface Problem {
  file: string;
  message: string;
}

/** How one page stands in each language. */
export interface TranslationRow {
  collection: PageCollection;
  slug: string;
  es: string;
  en: string;
  status: 'translated' | 'missing English' | 'missing Spanish' | 'English older' | 'Spanish older';
}

/** What the check found. */
export interface CheckResult {
  errors: Problem[];
  warnings: Problem[];
  translations: TranslationRow[];
  files: number;
}

/** Where to look: a content root (the repository, or a fixture) and the publishing day. */
export interface CheckOptions {
  root: string;
  today: string;
  /** The Astro pages whose routes links may point to (defaults to the repository's). */
  pagesDir?: string;
}

interface PageFile {
  file: string;
  collection: PageCollection;
  lang: Lang;
  slug: string;
  data: Record<string, unknown> | null;
  body: string;
}

/** Runs every check over `root` and returns errors, warnings and the translation table. */
export async function checkContent({ root, today, pagesDir }: CheckOptions): Promise<CheckResult> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const rel = (path: string) => relative(root, path) || path;
  const pages: PageFile[] = [];

  for (const collection of PAGE_COLLECTIONS) {
    const dir = join(root, 'content', collection);
    if (!existsSync(dir)) continue;
    for (const path of await walk(dir)) {
      const parts = relative(dir, path).split('/');
      const lang = parts[0];
      if (parts.length !== 2 || !isLang(lang) || !path.endsWith('.mdx')) {
        errors.push({
          file: rel(path),
          message: `is not where the build reads ${collection}. Move it to content/${collection}/es/<slug>.mdx or content/${collection}/en/<slug>.mdx.`,
        });
        continue;
      }
      const slug = (parts[1] ?? '').replace(/\.mdx$/, '');
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
        errors.push({
          file: rel(path),
          message: `has a file name that cannot be a web address. Rename it with lowercase letters, digits and hyphens (for example ${slugSuggestion(slug)}.mdx).`,
        });
      }
      const page = await readPage(path, collection, lang, slug, PAGE_SCHEMAS[collection], rel(path), errors);
      pages.push(page);
    }
  }

  const data = await checkDataFiles(root, rel, errors);
  const routes = await knownRoutes(
    pagesDir ?? join(import.meta.dirname, '../../site/pages'),
    pages,
    data.processes,
    today,
  );
  for (const page of pages) checkBody(page, routes, pages, join(root, 'public'), errors, today);
  for (const page of pages) {
    const updated = page.data?.updated;
    if (typeof updated === 'string' && updated > today) {
      warnings.push({
        file: page.file,
        message: `'updated' (${updated}) is after today (${today}). Use the day the text last changed.`,
      });
    }
  }
  const translations = translationTable(pages, today);
  for (const row of translations) {
    if (row.status !== 'translated') {
      warnings.push({ file: `content/${row.collection}/*/${row.slug}.mdx`, message: `translation: ${row.status}` });
    }
  }
  return { errors, warnings, translations, files: pages.length + data.files };
}

function isLang(value: unknown): value is Lang {
  return value === 'es' || value === 'en';
}

function slugSuggestion(name: string): string {
  return entitySlug(name) || 'mi-pagina';
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out.sort();
}

/** Splits `---` front matter from the body; null when the file has none. */
export function splitFrontMatter(text: string): { yaml: string; body: string; bodyLine: number } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return null;
  return { yaml: match[1] ?? '', body: text.slice(match[0].length), bodyLine: match[0].split('\n').length };
}

async function readPage(
  path: string,
  collection: PageCollection,
  lang: Lang,
  slug: string,
  schema: z.ZodType,
  file: string,
  errors: Problem[],
): Promise<PageFile> {
  const text = await readFile(path, 'utf8');
  const split = splitFrontMatter(text);
  if (!split) {
    errors.push({
      file,
      message: 'has no front matter. Start the file with a --- block holding title, description and updated.',
    });
    return { file, collection, lang, slug, data: null, body: text };
  }
  let raw: unknown;
  try {
    raw = parseYaml(split.yaml);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    errors.push({ file, message: `has front matter that is not valid YAML (${reason}). Fix the front matter.` });
    return { file, collection, lang, slug, data: null, body: split.body };
  }
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      errors.push({ file, message: `${describeIssue(issue, raw)}. Fix the front matter.` });
    return { file, collection, lang, slug, data: null, body: split.body };
  }
  return { file, collection, lang, slug, data: parsed.data as Record<string, unknown>, body: split.body };
}

interface DataFiles {
  processes: string[];
  files: number;
}

async function readYamlList(path: string, file: string, errors: Problem[]): Promise<unknown[] | null> {
  if (!existsSync(path)) return null;
  try {
    const value = parseYaml(await readFile(path, 'utf8'));
    if (Array.isArray(value)) return value;
    errors.push({ file, message: 'must be a YAML list (each entry starts with "- id: ..."). Fix the file.' });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    errors.push({ file, message: `is not valid YAML (${reason}). Fix the file.` });
  }
  return null;
}

function validateList<T extends { id: string }>(
  list: unknown[],
  schema: z.ZodType<T>,
  file: string,
  errors: Problem[],
): Map<string, T> {
  const out = new Map<string, T>();
  list.forEach((item, index) => {
    const id = (item as { id?: unknown })?.id;
    const where = `${file} (entry ${index + 1}${typeof id === 'string' ? `, id ${id}` : ''})`;
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({ file: where, message: `${describeIssue(issue, item)}. Fix the entry.` });
      return;
    }
    if (out.has(parsed.data.id))
      errors.push({ file: where, message: `repeats the id '${parsed.data.id}'. Give each entry its own id.` });
    out.set(parsed.data.id, parsed.data);
  });
  return out;
}

async function checkDataFiles(root: string, rel: (path: string) => string, errors: Problem[]): Promise<DataFiles> {
  let files = 0;
  const listed = async <T extends { id: string }>(name: string, schema: z.ZodType<T>) => {
    const path = join(root, 'content', name);
    const list = await readYamlList(path, rel(path), errors);
    if (list) files += 1;
    return validateList(list ?? [], schema, rel(path), errors);
  };
  await listed('partners.yaml', partnerSchema);
  const campaigns = await listed('campaigns.yaml', campaignSchema);
  const materials = await listed('materials.yaml', materialSchema);
  const materialsFile = rel(join(root, 'content', 'materials.yaml'));
  for (const material of materials.values()) {
    const where = `${materialsFile} (id ${material.id})`;
    if (!campaigns.has(material.campaign)) {
      errors.push({
        file: where,
        message: `'campaign' names '${material.campaign}', which is not in content/campaigns.yaml. Use one of: ${[...campaigns.keys()].join(', ') || '(none yet)'}.`,
      });
    }
    if (material.end < material.start) errors.push({ file: where, message: `'end' is before 'start'. Fix the dates.` });
    const path = join(root, 'public', material.file);
    if (!existsSync(path)) {
      errors.push({
        file: where,
        message: `'file' ${material.file} does not exist. Put the file in public${material.file} or fix the path.`,
      });
      continue;
    }
    const size = await imageSize(path);
    if (size && `${size.width}x${size.height}` !== material.dimensions) {
      errors.push({
        file: where,
        message: `'dimensions' says ${material.dimensions} but ${material.file} is ${size.width}x${size.height}. Fix 'dimensions' or the file.`,
      });
    }
  }

  const processes: string[] = [];
  const processDir = join(root, 'content', 'processes');
  if (existsSync(processDir)) {
    for (const path of await walk(processDir)) {
      files += 1;
      if (!path.endsWith('.json')) {
        errors.push({
          file: rel(path),
          message: 'is not a .json file. Processes are defined as content/processes/<slug>.json.',
        });
        continue;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        errors.push({ file: rel(path), message: `is not valid JSON (${(error as Error).message}). Fix the file.` });
        continue;
      }
      const parsed = processSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          errors.push({ file: rel(path), message: `${describeIssue(issue, raw)}. Fix the file.` });
        continue;
      }
      processes.push(path.replace(/^.*\/|\.json$/g, ''));
    }
  }
  return { processes, files };
}

/** Width and height of an SVG (from its attributes) or PNG (from IHDR); null for other files. */
async function imageSize(path: string): Promise<{ width: number; height: number } | null> {
  if (path.endsWith('.svg')) {
    const head = (await readFile(path, 'utf8')).slice(0, 2_000);
    const tag = /<svg\b[^>]*>/.exec(head)?.[0] ?? '';
    const width = /\swidth="(\d+)"/.exec(tag)?.[1];
    const height = /\sheight="(\d+)"/.exec(tag)?.[1];
    return width && height ? { width: Number(width), height: Number(height) } : null;
  }
  if (path.endsWith('.png')) {
    const bytes = await readFile(path);
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  return null;
}

/** Every path the built site answers: static pages, published content pages, processes, calendars, the finder. */
async function knownRoutes(
  pagesDir: string,
  pages: PageFile[],
  processes: string[],
  today: string,
): Promise<Set<string>> {
  const routes = new Set<string>(['/', '/es/', '/en/']);
  for (const path of existsSync(join(pagesDir, '[lang]')) ? await walk(join(pagesDir, '[lang]')) : []) {
    const route = relative(join(pagesDir, '[lang]'), path);
    if (route.includes('[')) continue;
    const clean = route.replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, '');
    for (const lang of LANGS) {
      routes.add(/\.[a-z]+$/.test(clean) ? `/${lang}/${clean}` : `/${lang}/${clean ? `${clean}/` : ''}`);
    }
  }
  for (const page of pages) {
    if (!page.data || publicationState(page.data, today) !== 'published') continue;
    for (const lang of LANGS) {
      routes.add(`/${lang}/${SECTION_SEGMENT[page.collection]}/`);
      if (HAS_OWN_PAGE[page.collection]) routes.add(`/${lang}/${SECTION_SEGMENT[page.collection]}/${page.slug}/`);
    }
  }
  for (const lang of LANGS) {
    routes.add(`/${lang}/procesos/`);
    for (const process of processes) {
      routes.add(`/${lang}/procesos/${process}/`);
      routes.add(`/${lang}/procesos/${process}/todos.ics`);
      for (const code of ENTITY_CODES) routes.add(`/${lang}/procesos/${process}/${code}.ics`);
    }
    for (const code of ENTITY_CODES) routes.add(`/${lang}/que-puedo-votar/${entitySlug(ENTITIES[code].es)}/`);
  }
  return routes;
}

const LINK = /!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const HTML_ATTR = /<(a|img)\b([^>]*)>/gi;

function lineOf(body: string, index: number, offset: number): number {
  return body.slice(0, index).split('\n').length + offset;
}

function checkBody(
  page: PageFile,
  routes: Set<string>,
  pages: PageFile[],
  publicDir: string,
  errors: Problem[],
  today: string,
): void {
  const at = (index: number) => `${page.file}:${lineOf(page.body, index, 0)}`;
  for (const match of page.body.matchAll(/^# .*/gm)) {
    errors.push({
      file: at(match.index),
      message: 'has a level-1 heading. The page prints the title already; start sections with ##.',
    });
  }
  const targets: { target: string; index: number; alt?: string; image: boolean }[] = [];
  for (const match of page.body.matchAll(LINK)) {
    targets.push({ target: match[2] ?? '', index: match.index, alt: match[1], image: match[0].startsWith('!') });
  }
  for (const match of page.body.matchAll(HTML_ATTR)) {
    const attrs = match[2] ?? '';
    const image = (match[1] ?? '').toLowerCase() === 'img';
    const target = /\s(?:href|src)="([^"]*)"/.exec(attrs)?.[1];
    const alt = /\salt="([^"]*)"/.exec(attrs)?.[1];
    if (target) targets.push({ target, index: match.index, alt: image ? (alt ?? '') : undefined, image });
  }
  for (const { target, index, alt, image } of targets) {
    if (image && !alt?.trim()) {
      errors.push({
        file: at(index),
        message: `has an image (${target}) without alt text. Describe what it shows: ![what the image shows](${target}).`,
      });
    }
    if (target.startsWith('http://')) {
      errors.push({ file: at(index), message: `links to ${target} over plain http. Use the https:// address.` });
      continue;
    }
    if (!target.startsWith('/')) {
      if (!/^(https:|mailto:|tel:|#)/.test(target)) {
        errors.push({
          file: at(index),
          message: `links to '${target}', which is not a site path. Write internal links as /${page.lang}/section/page/.`,
        });
      }
      continue;
    }
    checkInternalLink(page, target, at(index), routes, pages, publicDir, errors, today);
  }
}

function checkInternalLink(
  page: PageFile,
  target: string,
  where: string,
  routes: Set<string>,
  pages: PageFile[],
  publicDir: string,
  errors: Problem[],
  today: string,
): void {
  const [path = '', hash] = target.split('#');
  const firstSegment = path.split('/')[1];
  if (isLang(firstSegment) && firstSegment !== page.lang) {
    errors.push({
      file: where,
      message: `links to ${target}, a page in the other language. Use ${target.replace(`/${firstSegment}/`, `/${page.lang}/`)}.`,
    });
    return;
  }
  if (routes.has(path)) {
    if (hash && path.endsWith(`/${SECTION_SEGMENT.faq}/`)) {
      const found = pages.some((other) => other.collection === 'faq' && other.slug === hash && other.data);
      if (!found)
        errors.push({
          file: where,
          message: `links to the question #${hash}, which does not exist. Use the slug of a file in content/faq/.`,
        });
    }
    return;
  }
  if (existsSync(join(publicDir, decodeURIComponent(path)))) return;
  const unpublished = pages.find(
    (other) => other.data && `/${page.lang}/${SECTION_SEGMENT[other.collection]}/${other.slug}/` === path,
  );
  if (unpublished?.data) {
    const state = publicationState(unpublished.data, today);
    errors.push({
      file: where,
      message: `links to ${path}, which is a ${state} page and will not be built. Publish it first or remove the link.`,
    });
    return;
  }
  const hint = path.endsWith('/') || /\.[a-z0-9]+$/.test(path) ? '' : ` (site paths end with a slash: ${path}/)`;
  errors.push({ file: where, message: `links to ${path}, which does not exist${hint}. Fix the link.` });
}

function translationTable(pages: PageFile[], today: string): TranslationRow[] {
  const rows = new Map<string, { collection: PageCollection; slug: string; es?: PageFile; en?: PageFile }>();
  for (const page of pages) {
    const key = `${page.collection}/${page.slug}`;
    const row = rows.get(key) ?? { collection: page.collection, slug: page.slug };
    row[page.lang] = page;
    rows.set(key, row);
  }
  const describe = (page?: PageFile) => {
    if (!page) return '—';
    if (!page.data) return 'invalid';
    const state = publicationState(page.data, today);
    return `${page.data.updated as string}${state === 'published' ? '' : ` (${state})`}`;
  };
  return [...rows.values()]
    .sort((a, b) => a.collection.localeCompare(b.collection) || a.slug.localeCompare(b.slug))
    .map(({ collection, slug, es, en }) => {
      const esDay = es?.data?.updated as string | undefined;
      const enDay = en?.data?.updated as string | undefined;
      let status: TranslationRow['status'] = 'translated';
      if (!en) status = 'missing English';
      else if (!es) status = 'missing Spanish';
      else if (esDay && enDay && enDay < esDay) status = 'English older';
      else if (esDay && enDay && esDay < enDay) status = 'Spanish older';
      return { collection, slug, es: describe(es), en: describe(en), status };
    });
}
