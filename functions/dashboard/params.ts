import { z } from 'zod';
import { LANGS, type Lang } from '../../site/i18n/locales.ts';
import { isCountryCode } from '../domain/countries.ts';
import { isEntityCode } from '../domain/entities.ts';
import { SCOPES } from '../domain/registration.ts';
import { THEMES, VIEWS } from '../domain/views.ts';

const empty = (value: unknown) => (value === '' ? undefined : value);

/** Query of the dashboard page and of `/embed/registrations` (empty fields mean "all"). */
export const dashboardQuerySchema = z.object({
  process: z.preprocess(
    empty,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'is not a process slug')
      .optional(),
  ),
  lang: z.preprocess(empty, z.enum(LANGS as [Lang, ...Lang[]], { error: 'must be es or en' }).default('es')),
  scope: z.preprocess(empty, z.enum(SCOPES, { error: 'must be received or cumple' }).default('received')),
  entity: z.preprocess(empty, z.string().refine(isEntityCode, 'must be a two-digit state code such as 09').optional()),
  country: z.preprocess(empty, z.string().refine(isCountryCode, 'must be a country code such as US').optional()),
  view: z.preprocess(empty, z.enum(VIEWS, { error: `must be one of ${VIEWS.join(', ')}` }).default('summary')),
  theme: z.preprocess(empty, z.enum(THEMES, { error: 'must be auto, light or dark' }).default('auto')),
});

/** A validated dashboard query. */
export type DashboardQuery = z.output<typeof dashboardQuerySchema>;
