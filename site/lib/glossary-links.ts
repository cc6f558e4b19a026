// A Markdown (hast) plugin for every content page (guides, news, events, notices, FAQ answers): the first time a
// page uses a glossary term, the term links to its entry on the glossary page, so a reader meets each Spanish
// acronym with its meaning one tap away.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, Text } from 'hast';
import type { HastPluginEntry, PluginFactoryContext } from 'satteri';
import { parse } from 'yaml';
import { type GlossaryEntry, wordPattern } from '../content/glossary.ts';
import { glossaryEntrySchema } from '../content/schemas.ts';

/** The glossary as the content check validates it (the check explains a broken file; here it fails the build). */
export function readGlossary(root: string): GlossaryEntry[] {
  const list = parse(readFileSync(join(root, 'content/glossary.yaml'), 'utf8')) as unknown[];
  return list.map((item) => glossaryEntrySchema.parse(item));
}

// Where a link would be wrong or useless: inside another link, a heading, code.
const SKIP = new Set(['a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'code', 'pre']);

type Node = { type: string; tagName?: string; name?: string | null };

function link(lang: string, entry: GlossaryEntry, text: string): Element {
  return {
    type: 'element',
    tagName: 'a',
    properties: { href: `/${lang}/glosario/#${entry.id}`, className: ['term'] },
    children: [{ type: 'text', value: text }],
  };
}

/** The page's language from its file (content/<collection>/<lang>/…), or null for anything else. */
function pageLang(context: PluginFactoryContext): string | null {
  const path = context.fileURL ? fileURLToPath(context.fileURL) : '';
  return /\/content\/(?:guides|news|events|notices|faq)\/(es|en)\/[^/]+\.mdx$/.exec(path)?.[1] ?? null;
}

/** Links the first use of each glossary term in a content page to `/<lang>/glosario/#<id>`. */
export function glossaryLinks(entries: readonly GlossaryEntry[]): HastPluginEntry {
  const patterns = entries.map((entry) => ({ entry, pattern: wordPattern(entry.term, '') }));
  return (context: PluginFactoryContext) => {
    const lang = pageLang(context);
    if (!lang) return null;
    // One set per document: the factory runs once for each page.
    const pending = new Set(patterns);
    return {
      name: 'glossary-links',
      text(node, ctx) {
        if (pending.size === 0) return;
        for (let up: Node | undefined = ctx.parent(node); up; up = ctx.parent(up as never)) {
          const name = up.type === 'element' ? up.tagName : up.name;
          if (typeof name === 'string' && SKIP.has(name)) return;
        }
        let first: { at: number; found: string; item: (typeof patterns)[number] } | null = null;
        for (const item of pending) {
          const match = item.pattern.exec(node.value);
          if (match && (!first || match.index < first.at)) first = { at: match.index, found: match[0], item };
        }
        if (!first) return;
        pending.delete(first.item);
        const before = node.value.slice(0, first.at);
        const after = node.value.slice(first.at + first.found.length);
        // One link per text node: a second term in the same sentence links in the guide's next use of it.
        ctx.replaceNode(node, [
          ...(before ? [{ type: 'text', value: before } as Text] : []),
          link(lang, first.item.entry, first.found),
          ...(after ? [{ type: 'text', value: after } as Text] : []),
        ]);
      },
    };
  };
}
