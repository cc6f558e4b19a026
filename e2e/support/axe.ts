import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Frame, Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Gives every page the context opens axe from its first moment, registered with Chromium once instead of sent with
 * each audit (for a file that audits hundreds of pages). Top frames only: what `axeViolations` audits is unchanged.
 */
export async function preloadAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: `if (globalThis === globalThis.top) {\n${axeSource}\n}` });
}

/** Runs axe-core (WCAG 2.2 A/AA plus best practices) in a page or frame; returns the violations, summarised. */
export async function axeViolations(target: Page | Frame): Promise<string[]> {
  // Half a megabyte of script sent and compiled again only when this document does not have it yet.
  if (!(await target.evaluate(() => 'axe' in globalThis))) await target.evaluate(axeSource);
  const result = await target.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      // Every rule still runs on every element; only the violations are reported in full (axe's documented speed-up:
      // no selector is worked out for each element that passed).
      resultTypes: ['violations'],
    });
  });
  return result.violations.map(
    (v) =>
      `${v.id}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
}
