// The content collections: MDX pages per language and YAML data, validated by site/content/schemas.ts.
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import {
  campaignSchema,
  eventSchema,
  faqSchema,
  glossaryEntrySchema,
  guideSchema,
  materialSchema,
  newsSchema,
  noticeSchema,
  partnerSchema,
} from './content/schemas.ts';

// CONTENT_ROOT lets the build benchmark point the site at a synthetic content set; normally it is the repository.
const root = process.env.CONTENT_ROOT ?? '.';

/** MDX pages stored as content/<name>/<lang>/<slug>.mdx; the entry id is `<lang>/<slug>`. */
function pages(name: string) {
  return glob({ pattern: '{es,en}/**/*.mdx', base: `${root}/content/${name}` });
}

export const collections = {
  guides: defineCollection({ loader: pages('guides'), schema: guideSchema }),
  news: defineCollection({ loader: pages('news'), schema: newsSchema }),
  events: defineCollection({ loader: pages('events'), schema: eventSchema }),
  notices: defineCollection({ loader: pages('notices'), schema: noticeSchema }),
  faq: defineCollection({ loader: pages('faq'), schema: faqSchema }),
  partners: defineCollection({ loader: file(`${root}/content/partners.yaml`), schema: partnerSchema }),
  campaigns: defineCollection({ loader: file(`${root}/content/campaigns.yaml`), schema: campaignSchema }),
  materials: defineCollection({ loader: file(`${root}/content/materials.yaml`), schema: materialSchema }),
  glossary: defineCollection({ loader: file(`${root}/content/glossary.yaml`), schema: glossaryEntrySchema }),
};
