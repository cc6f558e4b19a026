/** The API page's island: loads Scalar from this site (never a CDN) and points it at the OpenAPI document. */

/** Where the build puts Scalar's browser bundle (see site/lib/vendor-scalar-integration.ts). */
export const SCALAR_MODULE = '/vendor/scalar/standalone.esm.js';

interface ScalarModule {
  createApiReference: (element: Element, configuration: Record<string, unknown>) => unknown;
}

/**
 * Mounts the reference into `[data-openapi]` (not Scalar's own `#api-reference`/`data-url`, which its module
 * mounts by itself on load); the page keeps its link to the JSON if anything fails.
 */
export async function mountApiReference(): Promise<void> {
  const element = document.querySelector<HTMLElement>('[data-openapi]');
  if (!element?.dataset.openapi) return;
  const scalar = (await import(/* @vite-ignore */ SCALAR_MODULE)) as ScalarModule;
  // Scalar hydrates whatever the element holds; it must start empty (the loading note and noscript go).
  element.replaceChildren();
  giveUpMain(element);
  scalar.createApiReference(element, {
    url: element.dataset.openapi,
    // Nothing leaves this site: no web fonts, telemetry, hosted client, proxy or AI features.
    withDefaultFonts: false,
    telemetry: false,
    hideClientButton: true,
    showDeveloperTools: 'never',
    hideDarkModeToggle: true,
    agent: { disabled: true },
    mcp: { disabled: true },
    documentDownloadType: 'json',
  });
}

/**
 * Scalar draws the reference in a `<main>` of its own (hard-coded), and one page has one main landmark, never one
 * inside another: the page's `<main>` becomes a `<div>` with the same attributes and children (the skip link's
 * target stays), before Scalar draws into it. Without JavaScript the page keeps its own `<main>`.
 */
function giveUpMain(element: HTMLElement): void {
  const main = element.closest('main');
  if (!main) return;
  const div = document.createElement('div');
  for (const attribute of main.attributes) div.setAttribute(attribute.name, attribute.value);
  while (main.firstChild) div.appendChild(main.firstChild);
  main.replaceWith(div);
}
