import { writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { staticHeadersFile } from '../../functions/domain/security-policy.ts';

/** Writes `dist/_headers` from the same module the Worker uses, so static and dynamic responses match. */
export default function staticHeaders(): AstroIntegration {
  return {
    name: 'static-headers',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        await writeFile(new URL('_headers', dir), staticHeadersFile());
      },
    },
  };
}
