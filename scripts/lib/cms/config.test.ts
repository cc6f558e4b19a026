import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PAGE_COLLECTIONS } from '../../../site/content/routes.ts';
import { LANGS } from '../../../site/i18n/locales.ts';
import { PAGE_SCHEMAS } from '../content-check/front-matter.ts';
import { describeIssue } from '../zod-issues.ts';
import { type CmsCollection, cmsConfig, DATA_LISTS } from './config.ts';
import { type CmsField, fieldsOf } from './fields.ts';
import { cleanFrontMatter } from './front-matter-format.ts';

const config = cmsConfig({ mode: 'local', proxyUrl: 'http://127.0.0.1:1/api/v1' });
const collections = config.collections as CmsCollection[];

/** Every key of a zod object and whether it may be left out, as the editor must mirror it. */
function schemaKeys(schema: z.ZodObject): Record<string, boolean> {
  return Object.fromEntries(
    Object.entries(schema.shape).map(([key, value]) => [key, (value as z.ZodType).safeParse(undefined).success]),
  );
}

function fieldKeys(fields: CmsField[]): Record<string, boolean> {
  return Object.fromEntries(fields.map((field) => [field.name, !field.required]));
}

/** The value the editor would save for a field when staff fill it with a typical valid input. */
function sample(field: CmsField): unknown {
  if (field.default !== undefined) return field.default;
  if (field.options) return field.options[0];
  if (field.widget === 'datetime') return '2026-11-30';
  if (field.widget === 'number') return field.min ?? 1;
  if (field.widget === 'boolean') return false;
  if (field.widget === 'list') return [];
  if (field.widget === 'object') return Object.fromEntries((field.fields ?? []).map((f) => [f.name, sample(f)]));
  if (field.name === 'id') return 'una-entrada';
  if (field.name === 'dimensions') return '1080x1080';
  if (field.name === 'file') return '/materiales/campana/cartel.png';
  if (field.pattern?.[0] === '^https://') return 'https://example.org/';
  return 'Un texto de prueba suficientemente largo para cualquier campo.';
}

describe('editor configuration generated from the content schemas', () => {
  it('offers every page collection, both languages side by side, in the files content:check reads', () => {
    expect(collections.map((c) => c.name)).toEqual([...PAGE_COLLECTIONS, 'data']);
    expect(config.i18n).toEqual({ structure: 'multiple_folders', locales: [...LANGS], default_locale: 'es' });
    // The interface itself opens in Spanish (Decap's own phrase table).
    expect(config.locale).toBe('es');
    for (const name of PAGE_COLLECTIONS) {
      const collection = collections.find((c) => c.name === name);
      expect(collection?.folder).toBe(`content/${name}`);
      expect(collection?.extension).toBe('mdx');
      expect(collection?.fields?.length, name).toBeGreaterThan(0);
      expect(collection?.fields?.filter((field) => !field.i18n).map((field) => field.name)).toEqual([]);
    }
  });

  it('has exactly the fields of each schema, required where the schema requires them', () => {
    for (const name of PAGE_COLLECTIONS) {
      const fields = collections.find((c) => c.name === name)?.fields ?? [];
      expect(fieldKeys(fields.filter((f) => f.name !== 'body')), name).toEqual(
        schemaKeys(PAGE_SCHEMAS[name] as unknown as z.ZodObject),
      );
    }
    const data = collections.find((c) => c.name === 'data') as unknown as {
      files: { name: string; fields: CmsField[] }[];
    };
    for (const [name, { schema }] of Object.entries(DATA_LISTS)) {
      const items = data.files.find((file) => file.name === name)?.fields[0]?.fields ?? [];
      expect(fieldKeys(items), name).toEqual(schemaKeys(schema));
    }
  });

  it("carries the schemas' choices and patterns with their messages", () => {
    const news = collections.find((c) => c.name === 'news')?.fields ?? [];
    expect(news.find((f) => f.name === 'updated')).toMatchObject({ widget: 'datetime', format: 'YYYY-MM-DD' });
    const events = collections.find((c) => c.name === 'events')?.fields ?? [];
    expect(events.find((f) => f.name === 'kind')?.options).toContain('conversatorio');
    expect(events.find((f) => f.name === 'time')?.pattern).toEqual([
      '^\\d{2}:\\d{2}$',
      "'time' must be a time written HH:MM. Fix the front matter.",
    ]);
    const data = collections.find((c) => c.name === 'data') as unknown as {
      files: { name: string; fields: CmsField[] }[];
    };
    const partner = data.files.find((file) => file.name === 'partners')?.fields[0]?.fields ?? [];
    expect(partner.find((f) => f.name === 'id')?.pattern).toEqual([
      '^[a-z0-9-]+$',
      "'id' must be lowercase letters, digits and hyphens. Fix the entry.",
    ]);
    expect(partner.find((f) => f.name === 'summary')?.fields?.map((f) => f.label)).toEqual([
      'summary.es',
      'summary.en',
    ]);
  });

  it('starts new pages as drafts, and saves an entry filled as the editor asks that the schema accepts', () => {
    for (const name of PAGE_COLLECTIONS) {
      const fields = (collections.find((c) => c.name === name)?.fields ?? []).filter((f) => f.name !== 'body');
      expect(fields.find((f) => f.name === 'draft')?.default).toBe(true);
      // An untouched box must write no line: the schema reads a missing `time_sensitive` as false.
      const timeSensitive = fields.find((f) => f.name === 'time_sensitive');
      if (name !== 'notices') expect(timeSensitive, name).toMatchObject({ widget: 'boolean', required: false });
      expect(timeSensitive?.default, name).toBeUndefined();
      const entry = cleanFrontMatter(
        Object.fromEntries(fields.filter((f) => f.required).map((f) => [f.name, sample(f)])),
      );
      const parsed = PAGE_SCHEMAS[name].safeParse(entry);
      expect(parsed.success ? [] : parsed.error.issues.map((issue) => describeIssue(issue, entry)), name).toEqual([]);
    }
  });

  it('picks up a field added to a schema, and refuses a kind of field it cannot edit', () => {
    const grown = z.strictObject({
      title: z.string(),
      glossary: z.array(z.string()).default([]),
      announced: z.boolean(),
    });
    expect(fieldsOf(grown).map((f) => [f.name, f.widget, f.required])).toEqual([
      ['title', 'string', true],
      ['glossary', 'list', false],
      ['announced', 'boolean', true],
    ]);
    expect(() => fieldsOf(z.strictObject({ states: z.record(z.string(), z.string()) }))).toThrow(
      /'record' has no editor widget/,
    );
  });

  it('saves through reviewed pull requests on GitHub in production, and to the local file server otherwise', () => {
    const production = cmsConfig({
      mode: 'production',
      repo: 'org/site',
      branch: 'main',
      authUrl: 'https://auth.example',
    });
    expect(production.backend).toEqual({
      name: 'github',
      repo: 'org/site',
      branch: 'main',
      base_url: 'https://auth.example',
    });
    expect(production.publish_mode).toBe('editorial_workflow');
    expect(config.backend).toMatchObject({ name: 'proxy' });
    expect(config.publish_mode).toBeUndefined();
  });

  it('refuses a value that breaks a pattern with the very sentence content:check prints', () => {
    const data = collections.find((c) => c.name === 'data') as unknown as {
      files: { name: string; fields: CmsField[] }[];
    };
    const cases: [z.ZodObject, CmsField[], string][] = [
      ...PAGE_COLLECTIONS.map((name): [z.ZodObject, CmsField[], string] => [
        PAGE_SCHEMAS[name] as unknown as z.ZodObject,
        collections.find((c) => c.name === name)?.fields ?? [],
        'Fix the front matter.',
      ]),
      ...Object.entries(DATA_LISTS).map(([name, { schema }]): [z.ZodObject, CmsField[], string] => [
        schema,
        data.files.find((file) => file.name === name)?.fields[0]?.fields ?? [],
        'Fix the entry.',
      ]),
    ];
    let patterns = 0;
    for (const [schema, fields, fix] of cases) {
      for (const field of fields.filter((f) => f.pattern)) {
        const input = { [field.name]: 'NOT VALID !' };
        const issue = z.object({ [field.name]: schema.shape[field.name] as z.ZodType }).safeParse(input).error
          ?.issues[0];
        expect(issue, field.name).toBeDefined();
        expect(field.pattern?.[1]).toBe(`${describeIssue(issue as z.core.$ZodIssue, input)}. ${fix}`);
        patterns += 1;
      }
    }
    expect(patterns).toBeGreaterThan(5);
  });

  it('offers every YAML list in content/', async () => {
    const lists = (await readdir(join(import.meta.dirname, '../../../content'))).filter((f) => f.endsWith('.yaml'));
    expect(lists.length).toBeGreaterThan(2);
    expect(
      Object.values(DATA_LISTS)
        .map((list) => list.file)
        .sort(),
    ).toEqual(lists.map((f) => `content/${f}`).sort());
  });
});
