import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromCopy } from './support/build-copy.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
let work = '';
let out = '';

function guide(title: string, extra = ''): string {
  return `---\ntitle: ${title}\ndescription: Una guía de prueba para comprobar cómo publica el sitio.\nupdated: 2026-11-20\nsection: informacion\norder: 90\n${extra}---\n\n## Sección\n\nTexto de prueba.\n`;
}

// Builds the real site from a copy of content/ plus pages that exercise drafts, scheduling and missing translations.
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'voto-content-build-'));
  out = join(work, 'dist');
  await cp(join(ROOT, 'content'), join(work, 'content'), { recursive: true });
  await writeFile(join(work, 'content/guides/es/solo-en-espanol.mdx'), guide('Solo en español'));
  await writeFile(join(work, 'content/guides/es/borrador.mdx'), guide('Un borrador', 'draft: true\n'));
  await writeFile(join(work, 'content/guides/es/programada.mdx'), guide('Programada', 'publish_date: 2026-12-01\n'));
  await writeFile(join(work, 'content/guides/en/programada.mdx'), guide('Scheduled', 'publish_date: 2026-12-01\n'));
  await buildFromCopy(work, out, '2026-11-23');
  // Up to two builds: the editor test's may hold the build lock first (e2e files run two at once).
}, 360_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('publishing rules in the build', () => {
  it('builds an untranslated page in the other language with the original text and a visible notice', async () => {
    const html = await readFile(join(out, 'en/guias/solo-en-espanol/index.html'), 'utf8');
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('This page has not been translated yet. Here is the original, in Español.');
    expect(html).toMatch(/<article class="prose" lang="es-MX"/);
    expect(html).toContain('Solo en español');
    expect(await readFile(join(out, 'en/guias/index.html'), 'utf8')).toContain('Not translated yet');
  });

  it('never builds a draft, and holds a scheduled page until its day', async () => {
    expect(existsSync(join(out, 'es/guias/borrador/index.html'))).toBe(false);
    expect(existsSync(join(out, 'en/guias/borrador/index.html'))).toBe(false);
    expect(existsSync(join(out, 'es/guias/programada/index.html'))).toBe(false);
    expect(await readFile(join(out, 'es/guias/index.html'), 'utf8')).not.toContain('Un borrador');
  });

  it('publishes the scheduled page once the build day reaches its date', async () => {
    const later = join(work, 'dist-later');
    await buildFromCopy(work, later, '2026-12-01');
    expect(existsSync(join(later, 'es/guias/programada/index.html'))).toBe(true);
    expect(existsSync(join(later, 'en/guias/programada/index.html'))).toBe(true);
  }, 360_000);
});
