import { z } from 'zod';
import { SIZE_NAMES, type SizeName } from '../domain/infographics.ts';
import { langField, optionalField, processField } from '../registrations/figure-query.ts';

/** Parameters every image takes. `v` pins a versioned URL (see the route): it is compared, never drawn. */
export const commonParams = {
  size: optionalField(
    z.enum(SIZE_NAMES as [SizeName, ...SizeName[]], { error: `must be one of ${SIZE_NAMES.join(', ')}` }).default('og'),
  ),
  v: optionalField(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{0,127}$/, 'must be the data_version of this image')
      .optional(),
  ),
};

/** Parameters of the images about one process's figures. */
export const processParams = { process: processField, lang: langField };
