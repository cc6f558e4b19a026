// @ts-check
import { satteri } from '@astrojs/markdown-satteri';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import cmsAdmin from './scripts/lib/cms/astro-integration.ts';
import { DEFAULT_LANG, LANGS, LOCALES } from './site/i18n/locales.ts';
import { glossaryLinks, readGlossary } from './site/lib/glossary-links.ts';
import localized404 from './site/lib/localized-404-integration.mjs';
import staticHeaders from './site/lib/static-headers-integration.ts';
import vendorScalar from './site/lib/vendor-scalar-integration.ts';
import verifyCheck from './site/lib/verify-check-integration.ts';

/** Static bilingual site; the Worker in functions/ serves dist/ and the live parts. */
export default defineConfig({
  srcDir: './site',
  publicDir: './public',
  // The build benchmark writes elsewhere so it never clobbers the real build.
  outDir: process.env.ASTRO_OUT_DIR ?? './dist',
  output: 'static',
  site: process.env.SITE_URL ?? 'http://localhost:8787',
  trailingSlash: 'always',
  // Stylesheets are inlined: one round trip less before first paint on slow links (the CSP allows inline styles, not scripts).
  build: { format: 'directory', inlineStylesheets: 'always' },
  i18n: {
    locales: [...LANGS],
    defaultLocale: DEFAULT_LANG,
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  integrations: [
    // The guides link each glossary term the first time they use it (site/lib/glossary-links.ts).
    mdx({ processor: satteri({ hastPlugins: [glossaryLinks(readGlossary(process.env.CONTENT_ROOT ?? '.'))] }) }),
    // hreflang alternates for every page (same path in both languages); staff, partner and 404 pages stay out.
    sitemap({
      i18n: {
        defaultLocale: DEFAULT_LANG,
        locales: Object.fromEntries(LANGS.map((lang) => [lang, LOCALES[lang].htmlLang])),
      },
      filter: (page) =>
        !/\/(admin|staff|404|infografias|aliados\/panel)\/|page-index\.json/.test(new URL(page).pathname),
    }),
    localized404(),
    staticHeaders(),
    vendorScalar(),
    // The file checker at the fixed URL /verify/check.js, which the Worker's code pages also load.
    verifyCheck(),
    // The content editor at /admin/ (its own files and CSP; nothing of it on public pages).
    cmsAdmin(),
  ],
  // Scripts always ship as files so the CSP can forbid inline scripts.
  vite: { build: { assetsInlineLimit: 0 } },
});
