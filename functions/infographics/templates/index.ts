import { byEntity } from './by-entity.ts';
import { cutChanges } from './cut-changes.ts';
import { deadline } from './deadline.ts';
import { modality } from './modality.ts';
import { pageCard } from './page-card.ts';
import { registrationsTotal } from './registrations-total.ts';
import { topCountries } from './top-countries.ts';

/** Every infographic template, in the order the list endpoint and the staff page show them. */
export const TEMPLATES = [registrationsTotal, topCountries, byEntity, modality, deadline, cutChanges, pageCard];

/** A template by id. */
export const TEMPLATE_BY_ID = new Map(TEMPLATES.map((template) => [template.id, template]));
