// @ts-check
import { copyFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * Copies each `dist/<lang>/404/index.html` to `dist/<lang>/404.html`.
 * Why: Astro writes only the top-level 404 as `404.html`, while Workers Static Assets
 * (`not_found_handling = "404-page"`) serves the nearest `404.html` up the path. With a copy per
 * language a miss under /en/ gets the English page without running the Worker.
 * @returns {import('astro').AstroIntegration}
 */
export default function localized404() {
  return {
    name: 'localized-404',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        for (const entry of await readdir(root, { withFileTypes: true })) {
          if (!entry.isDirectory()) continue;
          const source = `${root}/${entry.name}/404/index.html`;
          try {
            await copyFile(source, `${root}/${entry.name}/404.html`);
            logger.info(`localized 404 for /${entry.name}/`);
          } catch (error) {
            if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
          }
        }
      },
    },
  };
}
