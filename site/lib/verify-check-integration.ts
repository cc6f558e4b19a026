import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';

/**
 * Bundles the browser checker (site/lib/verify-check.ts and the signed-files format it imports) into
 * `dist/verify/check.js` at a fixed URL: Astro names its own scripts by content hash, but the Worker's code pages
 * must name the file in their HTML. Done inside `astro build`, so `npm run build` stays the only build command and
 * no generated file is committed to public/.
 */
export default function verifyCheck(): AstroIntegration {
  return {
    name: 'verify-check',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        await build({
          entryPoints: [fileURLToPath(new URL('./verify-check.ts', import.meta.url))],
          outfile: fileURLToPath(new URL('verify/check.js', dir)),
          bundle: true,
          format: 'esm',
          platform: 'browser',
          target: 'es2022',
          minify: true,
          legalComments: 'none',
          logLevel: 'warning',
        });
      },
    },
  };
}
