import { z } from 'zod';
import { paramSpecs } from '../../domain/infographics.ts';
import { type Lang, LOCALES, type UiKey, useTranslations } from '../../shared/i18n.ts';
import { findPage, type PageEntry } from '../../shared/page-index.ts';
import { BRAND, type Scale } from '../brand.ts';
import { box, text } from '../h.ts';
import { frame } from '../layout.ts';
import { commonParams } from '../params.ts';
import { say, shortHash } from './common.ts';
import { defineTemplate } from './types.ts';

const SECTIONS = ['guides', 'news', 'events', 'processes', 'pages'];

function sectionLabel(page: PageEntry, lang: Lang): string {
  if (SECTIONS.includes(page.section)) return useTranslations(lang)(`img.section.${page.section}` as UiKey);
  // A section this code does not know yet: the build's own label, in the page's language.
  return page.section_label ?? useTranslations(lang)('img.section.pages');
}

// Long titles get a smaller type so that they fit; the longest are cut at the last line by satori.
function titleSize(s: Scale, title: string): number {
  const factor = title.length <= 40 ? 1.5 : title.length <= 80 ? 1.25 : 1.05;
  return Math.round(s.title * factor);
}

/** The preview card of a page (its og:image): section, title and language, all taken from the build's page list. */
export const pageCard = defineTemplate({
  id: 'page-card',
  params: paramSpecs('page-card'),
  schema: z.strictObject({
    ...commonParams,
    page: z
      .string({ error: 'is required: the path of a page of this site, such as /es/' })
      .regex(/^\/(es|en)\/([a-z0-9-]+\/)*$/, 'must be the path of a page of this site, such as /es/guias/registro/'),
  }),
  prepare: async (ctx, params) => {
    const page = await findPage(ctx.assets, ctx.origin, params.page);
    const shown = await shortHash(JSON.stringify(page));
    return {
      version: `page.${shown}`,
      rowsRead: 0,
      publishedAs: { process: page.path, version: `page-${shown}` },
      load: async () => ({ model: page, rowsRead: 0 }),
    };
  },
  langOf: (page: PageEntry) => page.lang,
  draw: (page, lang, s, verification) => {
    const lines = s.height > s.width ? 6 : 3;
    return frame(s, {
      // Site-level pages already say "Voto Extranjero" in the band: no kicker repeating it.
      kicker: page.section === 'pages' ? '' : sectionLabel(page, lang),
      title: null,
      footer: `${LOCALES[lang].label} · ${page.path}`,
      verification,
      body: box(
        { flexDirection: 'column', flexGrow: 1, justifyContent: 'center', paddingBottom: s.gap },
        text(
          { fontSize: titleSize(s, page.title), fontWeight: 700, lineHeight: 1.15, display: 'block', lineClamp: lines },
          page.title,
        ),
        page.description
          ? text(
              {
                fontSize: s.body,
                color: BRAND.colour.muted,
                lineHeight: 1.35,
                marginTop: s.gap * 1.5,
                display: 'block',
                lineClamp: lines - 1,
              },
              page.description,
            )
          : null,
      ),
    });
  },
  alt: (page, lang) =>
    say(lang, 'img.page.alt', {
      section: sectionLabel(page, lang),
      title: page.title,
      language: say(lang, `img.page.language.${page.lang}` as UiKey),
    }),
});
