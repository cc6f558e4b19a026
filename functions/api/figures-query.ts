import { z } from 'zod';
import { isCountryCode } from '../domain/countries.ts';
import { isEntityCode } from '../domain/entities.ts';
import { SCOPES } from '../domain/registration.ts';

/** Query of the public figures endpoints: `scope`, `entity`, `country` (unknown parameters are ignored). */
export const figuresQuerySchema = z.object({
  scope: z.enum(SCOPES, { error: 'must be received or cumple' }).default('received'),
  entity: z.string().refine(isEntityCode, 'must be a two-digit INEGI state code such as 09').optional(),
  country: z
    .string()
    .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code in upper case, such as US')
    .optional(),
});
