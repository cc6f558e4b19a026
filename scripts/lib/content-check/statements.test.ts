import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContent } from '../content-check.ts';

let root = '';
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function fixture(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'statements-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function notice(extra: string): string {
  return `---\ntitle: Aviso\ndescription: Un aviso con una fecha que puede dejar de ser cierta.\nupdated: 2026-11-01\ndate: 2026-11-01\n${extra}---\nHoy no hay registro abierto.\n`;
}

const BETWEEN = JSON.stringify({ checked_on: '2026-12-06', source: { es: 'Informe de 2024', en: '2024 report' } });

async function check(files: Record<string, string>, today: string) {
  const result = await checkContent({ root: fixture(files), today });
  return {
    errors: result.errors.map((e) => `${e.file}: ${e.message}`),
    // The translation table's warnings are another check's business.
    warnings: result.warnings
      .filter((w) => !w.message.startsWith('translation:'))
      .map((w) => `${w.file}: ${w.message}`),
  };
}

describe('dated statements', () => {
  it('passes a notice checked today without warnings', async () => {
    const out = await check(
      { 'content/notices/es/aviso.mdx': notice('checked_on: 2026-12-06\nsource: R4 §2.3\n') },
      '2026-12-06',
    );
    expect(out.errors).toEqual([]);
    expect(out.warnings).toEqual([]);
  });

  it('warns, without failing, once a check is 91 days old', async () => {
    const files = { 'content/notices/es/aviso.mdx': notice('checked_on: 2026-12-06\nsource: R4 §2.3\n') };
    expect((await check(files, '2027-03-06')).warnings).toEqual([]);
    const late = await check(files, '2027-03-07');
    expect(late.errors).toEqual([]);
    expect(late.warnings).toEqual([
      "content/notices/es/aviso.mdx: 'checked_on' (2026-12-06) is more than 90 days before 2027-03-07, so the site prints it \"as of 2026-12-06\". Check it against its source again and update 'checked_on'.",
    ]);
  });

  it('fails a notice without checked_on or source', async () => {
    const out = await check({ 'content/notices/es/aviso.mdx': notice('') }, '2026-12-06');
    expect(out.errors.sort()).toEqual([
      "content/notices/es/aviso.mdx: 'checked_on' is required. Fix the front matter.",
      "content/notices/es/aviso.mdx: 'source' is required. Fix the front matter.",
    ]);
  });

  it('fails a page marked time_sensitive without checked_on and source, and passes one with both', async () => {
    const faq = (extra: string) =>
      `---\ntitle: ¿Cuándo me registro?\ndescription: Cuándo abre el registro para votar desde el extranjero.\nupdated: 2026-11-01\ntopic: registro\norder: 1\ntime_sensitive: true\n${extra}---\nTexto.\n`;
    expect((await check({ 'content/faq/es/cuando.mdx': faq('') }, '2026-12-06')).errors.length).toBe(2);
    expect(
      (await check({ 'content/faq/es/cuando.mdx': faq('checked_on: 2026-12-01\nsource: R2 §4.1\n') }, '2026-12-06'))
        .errors,
    ).toEqual([]);
  });

  it('requires the between-elections file once processes exist, with both fields', async () => {
    const process = 'content/processes/x.json';
    const missing = await check({ [process]: '{}' }, '2026-12-06');
    expect(missing.errors.some((e) => e.startsWith('content/between-elections.json: is missing.'))).toBe(true);
    const noSource = await check({ 'content/between-elections.json': '{"checked_on":"2026-12-06"}' }, '2026-12-06');
    expect(noSource.errors).toEqual(["content/between-elections.json: 'source' is required. Fix the file."]);
    const old = await check({ 'content/between-elections.json': BETWEEN }, '2027-03-07');
    expect(old.errors).toEqual([]);
    expect(old.warnings).toHaveLength(1);
  });
});
