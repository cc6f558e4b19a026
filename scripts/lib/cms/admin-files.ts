// Writes the editor's folder (/admin/): its page, its generated configuration, Decap CMS itself, our editor script,
// the site's stylesheet for previews and the translation status page. `npm run cms` serves it; the build copies it.
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { stringify as stringifyYaml } from 'yaml';
import { checkContent, type Problem, type TranslationRow } from '../content-check.ts';
import { type CmsBackend, cmsConfig } from './config.ts';

const REPO = join(import.meta.dirname, '../../..');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The editor's HTML page: no inline script, so its own CSP can forbid them too. */
export function adminIndexHtml(): string {
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Editor · Voto Extranjero</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link href="/admin/config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="/admin/manual-init.js"></script>
<script src="/admin/decap-cms.js"></script>
<script src="/admin/editor.js"></script>
</body>
</html>
`;
}

/** The translation status page: the table `npm run content:check` prints, and the errors it would report. */
export function translationsHtml(rows: TranslationRow[], errors: Problem[], today: string): string {
  const lagging = rows.filter((row) => row.status !== 'translated');
  const cells = (row: TranslationRow) =>
    [row.collection, row.slug, row.es, row.en, row.status].map((cell) => `<td>${escapeHtml(cell)}</td>`).join('');
  const errorList = errors.length
    ? `<h2>Errores / Errors (${errors.length})</h2><ul>${errors.map((e) => `<li>${escapeHtml(`${e.file}: ${e.message}`)}</li>`).join('')}</ul>`
    : '<p>content:check: sin errores / no errors.</p>';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><title>Traducciones / Translations</title>
<link rel="stylesheet" href="/admin/preview.css"></head>
<body><main id="main" class="page">
<h1>Traducciones / Translations</h1>
<p>Día de publicación / publishing day ${escapeHtml(today)}. ${lagging.length} de ${rows.length} páginas necesitan traducción / of ${rows.length} pages need translation work.</p>
<article class="prose"><table>
<thead><tr><th>collection</th><th>page</th><th>es (updated)</th><th>en (updated)</th><th>status</th></tr></thead>
<tbody>${lagging.map((row) => `<tr>${cells(row)}</tr>`).join('\n')}</tbody>
</table>
${errorList}</article>
</main></body></html>
`;
}

/** Where Decap CMS's files are installed. */
function decapDist(): string {
  return join(dirname(createRequire(import.meta.url).resolve('decap-cms/package.json')), 'dist');
}

/** Writes the whole /admin/ folder into `outDir` for `backend`, with the translation table of `root` on `today`. */
export async function writeAdmin(outDir: string, backend: CmsBackend, root: string, today: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'index.html'), adminIndexHtml());
  await writeFile(join(outDir, 'config.yml'), stringifyYaml(cmsConfig(backend)));
  // Decap starts itself as soon as it loads; editor.js starts it instead, in the language the reader chose.
  await writeFile(join(outDir, 'manual-init.js'), 'window.CMS_MANUAL_INIT = true;\n');
  const dist = decapDist();
  for (const name of await readdir(dist)) {
    // The main bundle and the chunks it loads from beside itself; not the source maps, nor the other bundle (cms.js).
    if (/^(\d+\.)?decap-cms\.js$|\.wasm$/.test(name)) await copyFile(join(dist, name), join(outDir, name));
  }
  await build({
    entryPoints: [join(REPO, 'scripts/lib/cms/editor.ts')],
    outfile: join(outDir, 'editor.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    // The schemas' module also reads files in Node; the browser only uses its pure parts.
    plugins: [
      {
        name: 'no-node',
        setup(on) {
          on.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'no-node' }));
          on.onLoad({ filter: /.*/, namespace: 'no-node' }, () => ({
            contents: 'export {}; export const readFile = undefined;',
          }));
        },
      },
    ],
  });
  await build({
    entryPoints: [join(REPO, 'site/styles/global.css')],
    outfile: join(outDir, 'preview.css'),
    bundle: true,
    minify: true,
    logLevel: 'silent',
    external: ['/fonts/*', '*.woff2', '*.woff'],
  });
  await writeTranslations(outDir, root, today);
}

/** Rewrites the translation status page from the content as it is now. */
export async function writeTranslations(outDir: string, root: string, today: string): Promise<void> {
  const result = await checkContent({ root, today });
  await writeFile(join(outDir, 'translations.html'), translationsHtml(result.translations, result.errors, today));
}
