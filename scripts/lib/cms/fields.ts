// Turns the zod schemas of site/content/schemas.ts into Decap CMS field definitions, so the editor asks for exactly
// what `npm run content:check` requires. A zod type this file does not know makes it throw: a new kind of field
// fails the unit test instead of silently disappearing from the editor.
import type { z } from 'zod';
import { isoDay } from '../../../site/content/schemas.ts';

/** One Decap CMS field (the subset of its options this generator writes). */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  default?: unknown;
  hint?: string;
  i18n?: boolean;
  options?: string[];
  pattern?: [string, string];
  value_type?: 'int' | 'float';
  min?: number;
  max?: number;
  fields?: CmsField[];
  modes?: string[];
  format?: string;
  date_format?: string;
  time_format?: boolean;
  picker_utc?: boolean;
  media_folder?: string;
  public_folder?: string;
}

/** What a generated field needs beyond its schema: a default for new entries, a hint, a widget for files. */
export interface FieldOverride {
  default?: unknown;
  hint?: string;
  widget?: 'file' | 'image';
  media_folder?: string;
  public_folder?: string;
}

type AnySchema = z.core.$ZodType;
type Def = { type: string; [key: string]: unknown };
type Check = { _zod: { def: { check: string; [key: string]: unknown } } };

function defOf(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Peels optional, nullable and default wrappers: whether the field may be left out, and its default. */
function unwrap(schema: AnySchema): { inner: AnySchema; optional: boolean; defaultValue?: unknown } {
  let inner = schema;
  let optional = false;
  let defaultValue: unknown;
  for (;;) {
    if (inner === (isoDay as unknown as AnySchema)) break;
    const def = defOf(inner);
    if (def.type === 'optional' || def.type === 'nullable') {
      optional = true;
      inner = def.innerType as AnySchema;
    } else if (def.type === 'default') {
      optional = true;
      defaultValue = typeof def.defaultValue === 'function' ? def.defaultValue() : def.defaultValue;
      inner = def.innerType as AnySchema;
    } else break;
  }
  return { inner, optional, defaultValue };
}

function checksOf(def: Def): Check['_zod']['def'][] {
  return ((def.checks as Check[] | undefined) ?? []).map((check) => check._zod.def);
}

/** The `pattern` a string field gets from the schema's regex, with the schema's own message. */
function patternOf(def: Def, path: string, fix: string): [string, string] | undefined {
  // Worded as content:check words it (`describeIssue`): the field's name, the schema's message, the fix.
  const say = (message: string) => `'${path}' ${message}. ${fix}`;
  if (def.format === 'url') return ['^https://', say('must be a full https:// address')];
  for (const check of checksOf(def)) {
    if (check.check === 'string_format' && check.format === 'regex' && check.pattern instanceof RegExp) {
      const message = (check.error as ((issue: unknown) => string) | undefined)?.({}) ?? 'has the wrong form';
      return [check.pattern.source, say(message)];
    }
  }
  return undefined;
}

/** The Decap widget options for one zod type (without name, label and required). */
function widgetFor(path: string, inner: AnySchema, fix: string): Omit<CmsField, 'name' | 'label'> {
  if (inner === (isoDay as unknown as AnySchema)) {
    // A plain day, stored as the YYYY-MM-DD string content:check expects, never as a timestamp.
    return {
      widget: 'datetime',
      format: 'YYYY-MM-DD',
      date_format: 'YYYY-MM-DD',
      time_format: false,
      picker_utc: true,
    };
  }
  const def = defOf(inner);
  switch (def.type) {
    case 'string': {
      const pattern = patternOf(def, path, fix);
      return pattern ? { widget: 'string', pattern } : { widget: 'string' };
    }
    case 'boolean':
      return { widget: 'boolean' };
    case 'number': {
      const checks = checksOf(def);
      const min = checks.find((check) => check.check === 'greater_than')?.value as number | undefined;
      const integer = checks.some((check) => check.check === 'number_format' && check.format === 'safeint');
      return {
        widget: 'number',
        value_type: integer ? 'int' : 'float',
        ...(min === undefined ? {} : { min }),
      };
    }
    case 'enum':
      return { widget: 'select', options: Object.values(def.entries as Record<string, string>) };
    case 'array': {
      const element = unwrap(def.element as AnySchema).inner;
      if (defOf(element).type !== 'string') throw new Error(`${path}: lists of ${defOf(element).type} have no widget`);
      return { widget: 'list' };
    }
    case 'object':
      return { widget: 'object', fields: fieldsOf(inner as z.ZodObject, {}, { prefix: `${path}.`, fix }) };
    default:
      throw new Error(
        `${path}: the zod type '${def.type}' has no editor widget yet (add one in scripts/lib/cms/fields.ts)`,
      );
  }
}

/** Decap fields for every key of an object schema, in the schema's order; `overrides` add defaults and hints. */
export function fieldsOf(
  schema: z.ZodObject,
  overrides: Record<string, FieldOverride> = {},
  { prefix = '', fix = 'Fix the front matter.' }: { prefix?: string; fix?: string } = {},
): CmsField[] {
  return Object.entries(schema.shape).map(([name, value]) => {
    const { inner, optional, defaultValue } = unwrap(value as AnySchema);
    const override = overrides[name] ?? {};
    const field: CmsField = {
      // The label is the name in the file (`summary.es` inside an object), so the editor's messages and
      // content:check's name the same field.
      name,
      label: `${prefix}${name}`,
      ...widgetFor(`${prefix}${name}`, inner, fix),
      required: !optional,
    };
    // An unticked box already shows the schema's `false`, and a new entry given that default would save a
    // `name: false` line the page does not need; with no default, Decap leaves an untouched box out of the file.
    const schemaDefault = field.widget === 'boolean' && defaultValue === false ? undefined : defaultValue;
    const fallback = override.default ?? schemaDefault;
    if (fallback !== undefined) field.default = fallback;
    if (override.hint) field.hint = override.hint;
    if (override.widget) {
      field.widget = override.widget;
      delete field.pattern;
    }
    if (override.media_folder) field.media_folder = override.media_folder;
    if (override.public_folder) field.public_folder = override.public_folder;
    return field;
  });
}
