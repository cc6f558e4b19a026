import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The demo loader and the Worker tests read db/seed/outreach/; the facts live in ../shared/data.
describe('demo outreach tables', () => {
  for (const name of ['campaign_metrics.csv', 'inetel_calls.csv', 'inetel_contacts.csv']) {
    it(`${name} is an unchanged copy of ../shared/data/${name}`, () => {
      const copy = readFileSync(new URL(`./outreach/${name}`, import.meta.url), 'utf8');
      const source = readFileSync(new URL(`../../../shared/data/${name}`, import.meta.url), 'utf8');
      expect(copy).toBe(source);
    });
  }
});
