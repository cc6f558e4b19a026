import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFromFile, listToFile } from './yaml-list.ts';

const CONTENT = join(import.meta.dirname, '../../../content');

describe('YAML data lists in the editor', () => {
  it('writes an unchanged list back byte for byte, comments included', async () => {
    for (const name of (await readdir(CONTENT)).filter((file) => file.endsWith('.yaml'))) {
      const text = await readFile(join(CONTENT, name), 'utf8');
      expect(listToFile(listFromFile(text)), name).toBe(text);
    }
  });

  it('changes only the edited value, drops emptied fields and appends new entries', () => {
    const text =
      '# Header.\n\n# --- one ---\n- id: a\n  name: "Uno"\n  url: https://a.example/\n- id: b\n  name: Dos\n';
    const { items } = listFromFile(text) as { items: Record<string, unknown>[] };
    items[0] = { ...items[0], url: '' };
    items[1] = { ...items[1], name: 'Deux' };
    items.push({ id: 'c', name: 'Tres', url: null });
    expect(listToFile({ items })).toBe(
      '# Header.\n\n# --- one ---\n- id: a\n  name: "Uno"\n- id: b\n  name: Deux\n- id: c\n  name: Tres\n',
    );
  });
});
