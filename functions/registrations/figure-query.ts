import { z } from 'zod';
import { isCountryCode } from '../domain/countries.ts';
import { isEntityCode } from '../domain/entities.ts';
import { toInegiCode } from '../domain/entity-ids.ts';
import { isoDate, SCOPES } from '../domain/registration.ts';
import { DEFAULT_LANG, LANGS, type Lang } from '../shared/i18n.ts';

// The query fields every figures answer takes (summary API, dashboard, embeds, view CSVs, images), written once
// so their rules and messages never drift apart.

/** A query field where an empty value (a form's "all" option) means the parameter was not given. */
export function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema);
}

/** `process`: a slug; absent means the latest process. */
export const processField = optionalField(
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be a process slug such as pel-2022-2023')
    .optional(),
);

/** `lang`: the reader's language. */
export const langField = optionalField(
  z.enum(LANGS as [Lang, ...Lang[]], { error: `must be ${LANGS.join(' or ')}` }).default(DEFAULT_LANG),
);

/** `scope`, `entity` and `country`: which population the figures describe; `cut`: which cut (absent: live). */
export const FIGURE_FILTERS = {
  scope: optionalField(z.enum(SCOPES, { error: 'must be received or cumple' }).default('received')),
  // A state may be named by its INEGI code, ISO 3166-2 code or OCD id; it becomes the INEGI code here, before
  // the check and before anything (cache keys, ETags, links) is derived from it, so all three are one answer.
  entity: optionalField(
    z.preprocess(
      toInegiCode,
      z
        .string()
        .refine(
          isEntityCode,
          'must be a state: a two-digit INEGI code such as 14, MX-JAL or ocd-division/country:mx/state:ja',
        )
        .optional(),
    ),
  ),
  country: optionalField(
    z.string().refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code in upper case, such as US').optional(),
  ),
  cut: optionalField(isoDate.optional()),
};
