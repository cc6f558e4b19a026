import { cp, mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Copies Scalar's browser build (the ES module and its chunks, without source maps) into `dist/vendor/scalar/`,
 * so the API page draws the reference from this site alone: no CDN, and the CSP's `script-src 'self'` holds.
 */
export default function vendorScalar(): AstroIntegration {
  return {
    name: 'vendor-scalar',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        // The package exports no browser path, so find it beside the entry it does export (dist/index.js).
        const entry = createRequire(import.meta.url).resolve('@scalar/api-reference');
        const browser = join(dirname(entry), 'browser');
        const target = join(fileURLToPath(dir), 'vendor', 'scalar');
        await mkdir(join(target, 'chunks'), { recursive: true });
        await cp(join(browser, 'standalone.esm.js'), join(target, 'standalone.esm.js'));
        for (const file of await readdir(join(browser, 'chunks'))) {
          if (file.endsWith('.js')) await cp(join(browser, 'chunks', file), join(target, 'chunks', file));
        }
      },
    },
  };
}
