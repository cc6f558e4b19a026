// What the import rules of `.dependency-cruiser.cjs` (run by `npm run lint`) cannot see: dependency-cruiser does not
// read `.astro` files, so the site's seam is checked here over every source file, and a router module's exports.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ImportEdge, importEdges } from './import-graph.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let edges: ImportEdge[] = [];

beforeAll(async () => {
  edges = await importEdges(ROOT, ['site', 'functions', 'scripts', 'db', 'tests', 'e2e', 'bench']);
});

describe('imports and exports depcruise does not check', () => {
  it('finds the imports it checks', () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges.some((e) => e.from.startsWith('site/') && e.to.startsWith('functions/domain/'))).toBe(true);
  });

  it('site/ imports from functions/ only the shared vocabulary in functions/domain/', () => {
    const crossing = edges.filter(
      (e) => e.from.startsWith('site/') && e.to.startsWith('functions/') && !e.to.startsWith('functions/domain/'),
    );
    expect(crossing).toEqual([]);
  });

  it('routers export only routers', async () => {
    const routers = [...new Set(edges.map((e) => e.from))].filter((f) => /^functions\/.+(\/|-)(api|page)\.ts$/.test(f));
    const exportsOf = async (file: string) =>
      [
        ...(await readFile(join(ROOT, file), 'utf8')).matchAll(
          /^export (?:const|function|async function|class|let) (\w+)/gm,
        ),
      ].map(([, name]) => name);
    const offenders: string[] = [];
    for (const file of routers) {
      const text = await readFile(join(ROOT, file), 'utf8');
      if (!/new (OpenAPI)?Hono</.test(text)) continue;
      for (const name of await exportsOf(file)) if (!name?.endsWith('Routes')) offenders.push(`${file}: ${name}`);
    }
    expect(routers.length).toBeGreaterThan(8);
    expect(offenders).toEqual([]);
  });
});
