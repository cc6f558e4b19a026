// Adds the content editor to the build as dist/admin/: the production configuration (GitHub, every save a pull
// request), Decap CMS and the translation status as of the build. No public page links to it or loads its code.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { publishingDay } from '../../../site/content/publishing.ts';
import { writeAdmin } from './admin-files.ts';

/** Where the editor saves in production, from the build's environment (see README, "Publishing content"). */
export function productionBackend(env: Record<string, string | undefined> = process.env) {
  return {
    mode: 'production' as const,
    repo: env.CMS_REPO ?? 'OWNER/voto-extranjero',
    branch: env.CMS_BRANCH ?? 'main',
    authUrl: env.CMS_AUTH_URL ?? 'https://cms-auth.example.org',
  };
}

/** Writes dist/admin/ after the site is built. */
export default function cmsAdmin(): AstroIntegration {
  return {
    name: 'cms-admin',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = process.env.CONTENT_ROOT ?? fileURLToPath(new URL('../../..', import.meta.url));
        await writeAdmin(fileURLToPath(new URL('admin/', dir)), productionBackend(), root, publishingDay());
      },
    },
  };
}
