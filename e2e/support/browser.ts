import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's whole browser (package `chromium`). */
const BROWSER = '/usr/bin/chromium';
/** Debian's headless shell (package `chromium-headless-shell`): the same Blink and V8, built without the UI. */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/**
 * Debian's Chromium, headless, with the flags this closed network needs (see DESIGN.md). Tests take the headless
 * shell when it is installed: it is what Playwright itself runs headless, and a page load with an axe audit cost
 * it 44 % less CPU (npm test 620 s → 464–549 s). Benchmarks ask for the whole browser (`full`), since they measure what
 * a reader's browser does. CHROMIUM_PATH names another binary.
 */
export function launchChromium({ full = false } = {}): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? (!full && existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : BROWSER);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Tests only: a test's page lives for seconds, and V8's optimising compilers (Maglev, TurboFan) spent more on
      // compiling axe and the pages' scripts than they saved: 44 sitemap pages audited with axe, Chromium 24.6–25.0
      // → 15.4–18.4 CPU-s. The same JavaScript semantics, interpreted and baseline-compiled.
      ...(full ? [] : ['--js-flags=--no-opt --no-maglev']),
    ],
  });
}
