import { z } from 'zod';
import { THEMES, VIEWS } from '../../domain/views.ts';
import { FIGURE_FILTERS, langField, optionalField, processField } from '../figure-query.ts';

/** Query of the dashboard page and of `/embed/registrations` (empty fields mean "all"). */
export const dashboardQuerySchema = z.object({
  process: processField,
  lang: langField,
  ...FIGURE_FILTERS,
  view: optionalField(z.enum(VIEWS, { error: `must be one of ${VIEWS.join(', ')}` }).default('summary')),
  theme: optionalField(z.enum(THEMES, { error: 'must be auto, light or dark' }).default('auto')),
});

/** A validated dashboard query. */
export type DashboardQuery = z.output<typeof dashboardQuerySchema>;
