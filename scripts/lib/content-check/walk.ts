// Lists the files of a content folder the way the checks read them.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file under `dir`, sorted, skipping hidden files and folders (editors and the OS leave them there). */
export async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out.sort();
}
