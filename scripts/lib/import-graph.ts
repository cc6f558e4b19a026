import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

/** One import in the tree: the file that imports and the file (repo-relative) it names. */
export interface ImportEdge {
  from: string;
  to: string;
}

const SOURCE = /\.(ts|mts|mjs|js|astro)$/;
// Static and dynamic imports and re-exports with a relative specifier; packages are not part of the layers.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

async function walk(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true });
  const files = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(root, path);
      return SOURCE.test(entry.name) ? [path] : [];
    }),
  );
  return files.flat();
}

/** Every relative import of the source files under `folders` (paths relative to `root`). */
export async function importEdges(root: string, folders: string[]): Promise<ImportEdge[]> {
  const files = (await Promise.all(folders.map((folder) => walk(root, folder)))).flat();
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const text = await readFile(join(root, file), 'utf8');
    for (const [, specifier] of text.matchAll(SPECIFIER)) {
      edges.push({ from: file, to: relative(root, resolve(root, dirname(file), specifier ?? '')) });
    }
  }
  return edges;
}
