// The layering rules of the codebase (DESIGN.md, "Layers go one way"), checked over the real import graph.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { folderOf, type ImportEdge, importEdges } from './import-graph.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let edges: ImportEdge[] = [];

beforeAll(async () => {
  edges = await importEdges(ROOT, ['site', 'functions', 'scripts', 'db', 'tests', 'e2e', 'bench']);
});

const isTest = (path: string) => /\.test\.ts$|^(tests|e2e|bench)\//.test(path);

describe('layers', () => {
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

  it('functions/ imports from site/ only site/i18n/', () => {
    const crossing = edges.filter(
      (e) =>
        e.from.startsWith('functions/') &&
        !isTest(e.from) &&
        e.to.startsWith('site/') &&
        !e.to.startsWith('site/i18n/'),
    );
    expect(crossing).toEqual([]);
  });

  it('functions/domain/ and site/i18n/ import nothing but each other (they are what both sides share)', () => {
    const leaking = edges.filter(
      (e) =>
        (e.from.startsWith('functions/domain/') || e.from.startsWith('site/i18n/')) &&
        !isTest(e.from) &&
        !e.to.startsWith('functions/domain/') &&
        !e.to.startsWith('site/i18n/'),
    );
    expect(leaking).toEqual([]);
  });

  it('the folders of the Worker import each other one way only (no cycles)', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) {
      if (!e.from.startsWith('functions/') || isTest(e.from) || !e.to.startsWith('functions/')) continue;
      // index.ts (wiring) and env.ts (binding types) sit above the folders and may name any of them.
      if (!/^functions\/[^/]+\//.test(e.from) || !/^functions\/[^/]+\//.test(e.to)) continue;
      const [from, to] = [folderOf(e.from), folderOf(e.to)];
      if (from === to) continue;
      graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      if (path.includes(node)) {
        const cycle = path.slice(path.indexOf(node));
        cycles.push([...cycle].sort().join(' ↔ '));
        return;
      }
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    };
    for (const node of graph.keys()) visit(node, []);
    expect([...new Set(cycles)]).toEqual([]);
  });

  it('routers export only routers', async () => {
    const routers = [...new Set(edges.map((e) => e.from))].filter((f) => /^functions\/(api|pages)\/[^/]+\.ts$/.test(f));
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
