// The Decap CMS configuration, generated from the content schemas: every page collection (both languages side by
// side) and the YAML data lists. Processes (content/processes/*.json) are left out on purpose: they are admin data,
// edited as files and reviewed with the data team.
import type { z } from 'zod';
import { SECTION_SEGMENT } from '../../../site/content/routes.ts';
import * as schemas from '../../../site/content/schemas.ts';
import { DEFAULT_LANG, LANGS } from '../../../site/i18n/locales.ts';
import { PAGE_SCHEMAS } from '../content-check/front-matter.ts';
import { DEFAULT_EDITOR_LOCALE } from './editor-locale.ts';
import { type CmsField, type FieldOverride, fieldsOf } from './fields.ts';
import { FRONT_MATTER_FORMAT } from './front-matter-format.ts';

/** Where uploads go in the repository, and the address they have on the site. */
export const MEDIA = { folder: 'public/materiales', public: '/materiales' } as const;

/** The name of the custom file format that reads and writes a YAML file holding a bare list (see editor.ts). */
export const YAML_LIST_FORMAT = 'yaml-list';

/**
 * The YAML lists of content/ (`content/<name>.yaml`) by the name of their entry schema in schemas.ts. A list whose
 * schema is not there yet is skipped (the glossary arrives with issue 18); `config.test.ts` fails when a list
 * file in content/ has no entry here.
 */
const DATA_LIST_SCHEMAS: Record<string, { schema: string; label: string }> = {
  partners: { schema: 'partnerSchema', label: 'Aliados / Partners' },
  campaigns: { schema: 'campaignSchema', label: 'Campañas / Campaigns' },
  materials: { schema: 'materialSchema', label: 'Materiales / Materials' },
  glossary: { schema: 'glossaryEntrySchema', label: 'Glosario / Glossary' },
};

/** The YAML data lists the editor offers, each with the schema of one entry. */
export const DATA_LISTS: Record<string, { file: string; schema: z.ZodObject; label: string }> = Object.fromEntries(
  Object.entries(DATA_LIST_SCHEMAS).flatMap(([name, { schema, label }]) => {
    const found = (schemas as Record<string, unknown>)[schema] as z.ZodObject | undefined;
    return found ? [[name, { file: `content/${name}.yaml`, schema: found, label }]] : [];
  }),
);

// A collection added to the schemas later shows under its own name until it gets a label here.
const LABELS: Partial<Record<string, string>> = {
  guides: 'Guías / Guides',
  news: 'Noticias / News',
  events: 'Eventos / Events',
  notices: 'Avisos / Notices',
  faq: 'Preguntas / FAQ',
};

/** Defaults and hints every page collection shares: a new entry starts as a draft in both languages. */
const PAGE_OVERRIDES: Record<string, FieldOverride> = {
  draft: {
    default: true,
    hint: 'Borrador: no se publica. / Draft: not published. Quite la marca para publicar / untick to publish.',
  },
  publish_date: {
    hint: 'Programar: se publica desde este día. / Schedule: published from this day on.',
  },
  updated: { hint: 'Último día en que cambió el texto. / The last day the text changed.' },
};

/** Where the editor saves: the local file server, or the repository host through reviewed pull requests. */
export type CmsBackend =
  | { mode: 'local'; proxyUrl: string }
  | { mode: 'production'; repo: string; branch: string; authUrl: string };

/** A Decap collection (the subset this generator writes). */
export interface CmsCollection {
  name: string;
  label: string;
  fields?: CmsField[];
  [option: string]: unknown;
}

/** The page collections: one folder per collection, `<lang>/<slug>.mdx` inside, every field per language. */
function pageCollections(): CmsCollection[] {
  return Object.entries(PAGE_SCHEMAS).map(([name, schema]) => {
    const fields = fieldsOf(schema as unknown as z.ZodObject, PAGE_OVERRIDES).map((field) => ({
      ...field,
      i18n: true,
    }));
    return {
      name,
      label: LABELS[name] ?? name,
      folder: `content/${name}`,
      extension: 'mdx',
      format: FRONT_MATTER_FORMAT,
      create: true,
      i18n: true,
      slug: '{{slug}}',
      summary: '{{title}} ({{updated}}){{draft | ternary(" — borrador/draft", "")}}',
      preview_path: `{{locale}}/${SECTION_SEGMENT[name as keyof typeof SECTION_SEGMENT]}/{{slug}}/`,
      // The body is kept as typed (a plain text area): a rich-text editor would rewrite the Markdown and the
      // `<span lang="es">` the site relies on. The preview renders it.
      fields: [...fields, { name: 'body', label: 'body', widget: 'text', i18n: true, required: true }],
    };
  });
}

/** The YAML lists, each file shown as a list of entries validated with its schema. */
function dataCollection(): CmsCollection {
  return {
    name: 'data',
    label: 'Datos / Data',
    format: YAML_LIST_FORMAT,
    extension: 'yaml',
    files: Object.entries(DATA_LISTS).map(([name, { file, schema, label }]) => ({
      name,
      label,
      file,
      format: YAML_LIST_FORMAT,
      fields: [
        {
          name: 'items',
          label: name,
          widget: 'list',
          summary: '{{fields.id}}',
          fields: fieldsOf(
            schema,
            name === 'materials'
              ? {
                  file: { widget: 'file', media_folder: `/${MEDIA.folder}`, public_folder: MEDIA.public },
                  dimensions: {
                    hint: 'Las imágenes se miden al guardar / images are measured on save (1080x1080); spots y radio: duración / duration (30 s).',
                  },
                }
              : {},
            { fix: 'Fix the entry.' },
          ),
        },
      ],
    })),
  };
}

/** The whole editor configuration for `backend`. */
export function cmsConfig(backend: CmsBackend): Record<string, unknown> {
  const where =
    backend.mode === 'local'
      ? { backend: { name: 'proxy', proxy_url: backend.proxyUrl, branch: 'main' } }
      : {
          backend: { name: 'github', repo: backend.repo, branch: backend.branch, base_url: backend.authUrl },
          // Every save is a branch and a pull request that someone reviews before it reaches main.
          publish_mode: 'editorial_workflow',
        };
  return {
    ...where,
    media_folder: MEDIA.folder,
    public_folder: MEDIA.public,
    site_url: '/',
    // Staff work in Spanish; the editor offers English too (editor-locale.ts).
    locale: DEFAULT_EDITOR_LOCALE,
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    i18n: { structure: 'multiple_folders', locales: [...LANGS], default_locale: DEFAULT_LANG },
    collections: [...pageCollections(), dataCollection()],
  };
}
