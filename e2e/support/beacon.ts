import type { Page, Response } from 'playwright-core';

/**
 * Resolves once the Worker has accepted (202) the page's metrics beacon for the event `name`: start waiting before
 * the action that sends it, and close the page only after, so no beacon is cut off and no fixed sleep is needed.
 */
export function beaconAccepted(page: Page, name: string): Promise<Response> {
  return page.waitForResponse(
    (response) =>
      response.url().endsWith('/api/v1/events') &&
      response.status() === 202 &&
      (response.request().postData() ?? '').includes(`"name":"${name}"`),
    { timeout: 15_000 },
  );
}
