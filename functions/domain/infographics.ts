import { LANGS } from '../../site/i18n/locales.ts';
import { SCOPES } from './registration.ts';

// The infographics vocabulary: sizes, templates and the parameters each takes. The Worker draws with it;
// the infographics page and the API list read it without loading the renderer.

/** Output sizes: link cards (Facebook, X, WhatsApp previews), square posts, and stories or statuses. */
export const SIZES = {
  og: { width: 1200, height: 630 },
  square: { width: 1080, height: 1080 },
  story: { width: 1080, height: 1920 },
} as const;

/** One of the sizes above. */
export type SizeName = keyof typeof SIZES;

/** Size names in list order. */
export const SIZE_NAMES = Object.keys(SIZES) as SizeName[];

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
  // INEGI code, ISO 3166-2 or OCD id (GET /api/v1/entities lists all three).
  entity: {
    name: 'entity',
    required: false,
    pattern: '^(0[1-9]|[12][0-9]|3[0-2]|MX-[A-Z]{3}|ocd-division/country:mx/state:[a-z]{2})$',
  },
  country: { name: 'country', required: false, pattern: '^[A-Z]{2}$' },
  cut: { name: 'cut', required: false, pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  page: { name: 'page', required: true, pattern: '^/(es|en)/([a-z0-9-]+/)*$' },
} satisfies Record<string, ParamSpec>;

/** Which parameters each template takes (the staff page reads this too, without loading the renderer). */
export const TEMPLATE_PARAMS = {
  'registrations-total': ['process', 'lang', 'size', 'scope', 'entity', 'country', 'cut'],
  'top-countries': ['process', 'lang', 'size', 'scope', 'entity', 'cut'],
  'by-entity': ['process', 'lang', 'size', 'scope', 'country', 'cut'],
  modality: ['process', 'lang', 'size', 'scope', 'entity', 'country', 'cut'],
  deadline: ['process', 'lang', 'size'],
  'cut-changes': ['process', 'lang', 'size', 'scope', 'cut'],
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
  'cut-changes',
];
