// Checks a page body: no level-1 heading, alt text on every image, and links that are https, in the page's own
// language and pointing at a page or file the built site will have.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { publicationState } from '../../../site/content/publishing.ts';
import { SECTION_SEGMENT } from '../../../site/content/routes.ts';
import { isLang } from '../../../site/i18n/locales.ts';
import type { PageFile, Problem } from './model.ts';

const LINK = /!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const HTML_ATTR = /<(a|img)\b([^>]*)>/gi;

function lineOf(body: string, index: number, offset: number): number {
  return body.slice(0, index).split('\n').length + offset;
}

/** What a body is checked against: the built routes, every page, the public folder and the day; and where problems go. */
export interface BodyContext {
  routes: Set<string>;
  pages: PageFile[];
  publicDir: string;
  errors: Problem[];
  today: string;
}

/** Checks the headings, images and links of one page body against `routes` and `publicDir`; problems go to `errors`. */
export function checkBody(page: PageFile, context: BodyContext): void {
  const { errors } = context;
  const at = (index: number) => `${page.file}:${lineOf(page.body, index, page.bodyLine - 1)}`;
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
    checkInternalLink(page, target, at(index), context);
  }
}

function checkInternalLink(page: PageFile, target: string, where: string, context: BodyContext): void {
  const { routes, pages, publicDir, errors, today } = context;
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
