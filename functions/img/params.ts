import { z } from 'zod';
import { LANGS, type Lang } from '../../site/i18n/locales.ts';
import { isCountryCode } from '../domain/countries.ts';
import { isEntityCode } from '../domain/entities.ts';
import { SCOPES } from '../domain/registration.ts';
import { SIZE_NAMES, type SizeName } from './brand.ts';

// An empty field (a form's "all" option) means the parameter was not given.
const empty = (value: unknown) => (value === '' ? undefined : value);

/** Parameters every image takes. `v` pins a versioned URL (see the route): it is compared, never drawn. */
export const commonParams = {
  size: z.preprocess(
    empty,
    z.enum(SIZE_NAMES as [SizeName, ...SizeName[]], { error: `must be one of ${SIZE_NAMES.join(', ')}` }).default('og'),
  ),
  v: z.preprocess(
    empty,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{0,127}$/, 'must be the data_version of this image')
      .optional(),
  ),
};

/** Parameters of the images about one process's figures. */
export const processParams = {
  process: z.preprocess(
    empty,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be a process slug such as pel-2022-2023')
      .optional(),
  ),
  lang: z.preprocess(empty, z.enum(LANGS as [Lang, ...Lang[]], { error: 'must be es or en' }).default('es')),
};

/** The summary endpoint's filters, with its own messages. */
export const filterParams = {
  scope: z.preprocess(empty, z.enum(SCOPES, { error: 'must be received or cumple' }).default('received')),
  entity: z.preprocess(
    empty,
    z.string().refine(isEntityCode, 'must be a two-digit INEGI state code such as 09').optional(),
  ),
  country: z.preprocess(
    empty,
    z.string().refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code in upper case, such as US').optional(),
  ),
};

/** How the list endpoint describes one parameter. */
export interface ParamSpec {
  name: string;
  required: boolean;
  default?: string;
  values?: readonly string[];
  pattern?: string;
}

/** Descriptions of the parameters above, for `GET /api/v1/infographics`. */
export const PARAM_SPECS = {
  process: { name: 'process', required: false, pattern: '^[a-z0-9][a-z0-9-]{1,62}$' },
  lang: { name: 'lang', required: false, default: 'es', values: LANGS },
  size: { name: 'size', required: false, default: 'og', values: SIZE_NAMES },
  scope: { name: 'scope', required: false, default: 'received', values: SCOPES },
  entity: { name: 'entity', required: false, pattern: '^(0[1-9]|[12][0-9]|3[0-2])$' },
  country: { name: 'country', required: false, pattern: '^[A-Z]{2}$' },
  page: { name: 'page', required: true, pattern: '^/(es|en)/([a-z0-9-]+/)*$' },
} satisfies Record<string, ParamSpec>;

/** Which parameters each template takes (the staff page reads this too, without loading the renderer). */
export const TEMPLATE_PARAMS = {
  'registrations-total': ['process', 'lang', 'size', 'scope', 'entity', 'country'],
  'top-countries': ['process', 'lang', 'size', 'scope', 'entity'],
  'by-entity': ['process', 'lang', 'size', 'scope', 'country'],
  modality: ['process', 'lang', 'size', 'scope', 'entity', 'country'],
  deadline: ['process', 'lang', 'size'],
  'page-card': ['page', 'size'],
} as const satisfies Record<string, readonly (keyof typeof PARAM_SPECS)[]>;

/** A template id. */
export type TemplateId = keyof typeof TEMPLATE_PARAMS;

/** The list endpoint's description of a template's parameters. */
export function paramSpecs(id: TemplateId): ParamSpec[] {
  return TEMPLATE_PARAMS[id].map((name) => PARAM_SPECS[name]);
}

/** The templates staff choose on the infographics page (page cards are made for every page automatically). */
export const STAFF_TEMPLATES: TemplateId[] = [
  'registrations-total',
  'top-countries',
  'by-entity',
  'modality',
  'deadline',
];
