// Reads the pixel size of a campaign material from the file itself, so the size a material claims can be checked.
import { readFile } from 'node:fs/promises';

/** Width and height of an SVG (from its attributes) or PNG (from IHDR); null for other files. */
export async function imageSize(path: string): Promise<{ width: number; height: number } | null> {
  if (path.endsWith('.svg')) {
    const head = (await readFile(path, 'utf8')).slice(0, 2_000);
    const tag = /<svg\b[^>]*>/.exec(head)?.[0] ?? '';
    const width = /\swidth="(\d+)"/.exec(tag)?.[1];
    const height = /\sheight="(\d+)"/.exec(tag)?.[1];
    return width && height ? { width: Number(width), height: Number(height) } : null;
  }
  if (path.endsWith('.png')) {
    const bytes = await readFile(path);
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  return null;
}
