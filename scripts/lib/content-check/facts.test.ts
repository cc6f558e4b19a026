import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFacts, needleNear, parseFacts } from './facts.ts';
import type { Problem } from './model.ts';

// A report of five lines, written by hand: the needle "3,641" sits on line 3.
const REPORT = ['Informe', '4.1.1 Solicitudes', 'Se recibieron 3,641 solicitudes', 'al 15 de noviembre', 'fin'].join(
  '\n',
);

let root = '';
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function fixture(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'facts-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const table = (rows: string[]) =>
  [
    '# Facts',
    '',
    '## Claims',
    '',
    '| claim | page | source | needle | status |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');

describe('facts table', () => {
  it('reads the page, status, report lines and needles of each row', () => {
    const rows = parseFacts(
      table(['| 3,641 applications | `content/guides/es/a.mdx` | R2 §4.1.1 `seeds/r.txt:3` | «3,641» | right |']),
    );
    expect(rows).toEqual([
      {
        line: 7,
        page: 'content/guides/es/a.mdx',
        status: 'right',
        refs: [{ file: 'r.txt', line: 3 }],
        needles: ['3,641'],
      },
    ]);
  });

  it('finds a needle within two lines of the named line, not farther', () => {
    expect(needleNear(REPORT, 3, '3,641')).toBe(true);
    expect(needleNear(REPORT, 5, '3,641')).toBe(true);
    expect(needleNear(REPORT, 1, '3,641')).toBe(true);
    expect(needleNear(`${REPORT}\nx\ny`, 7, '3,641')).toBe(false);
  });

  it('fails a row whose line no longer holds its figure, a bad status and a missing page', async () => {
    const dir = fixture({
      'repo/content/guides/es/a.mdx': 'x',
      'shared/seeds/r.txt': REPORT,
      'repo/docs/facts.md': table([
        '| ok | `content/guides/es/a.mdx` | `seeds/r.txt:3` | «3,641» | right |',
        '| moved | `content/guides/es/a.mdx` | `seeds/r.txt:3` | «3,644» | fixed |',
        '| odd | `content/guides/es/b.mdx` | LGIPE art. 345 | — | sin-dato |',
      ]),
    });
    const errors: Problem[] = [];
    const warnings: Problem[] = [];
    await checkFacts(join(dir, 'repo'), join(dir, 'shared', 'seeds'), errors, warnings);
    expect(errors.map((e) => `${e.file}: ${e.message}`)).toEqual([
      'docs/facts.md:8: seeds/r.txt:3 does not contain «3,644» within 2 lines. Fix the line number, the needle or the claim.',
      "docs/facts.md:9: has status 'sin-dato'. Use one of: right, fixed, outside-reports, reworded.",
      'docs/facts.md:9: names content/guides/es/b.mdx, which does not exist. Fix the page path.',
      'docs/facts.md:9: names no report line. Add seeds/<file>:<line> and the «needle» it supports, or mark it outside-reports with its source.',
    ]);
    expect(warnings).toEqual([]);
  });

  it('says clearly, and skips only the line check, when the reports are absent', async () => {
    const dir = fixture({ 'repo/docs/facts.md': table(['| ok | — | `seeds/r.txt:3` | «3,641» | right |']) });
    const errors: Problem[] = [];
    const warnings: Problem[] = [];
    await checkFacts(join(dir, 'repo'), join(dir, 'nowhere'), errors, warnings);
    expect(errors).toEqual([]);
    expect(warnings[0]?.message).toMatch(/^the seed reports are not at .*nowhere .* were NOT checked/);
  });
});
