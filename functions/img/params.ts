import { z } from 'zod';
import { LANGS, type Lang } from '../../site/i18n/locales.ts';
import { isCountryCode } from '../domain/countries.ts';
import { isEntityCode } from '../domain/entities.ts';
import { SIZE_NAMES, type SizeName } from '../domain/infographics.ts';
import { SCOPES } from '../domain/registration.ts';

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
