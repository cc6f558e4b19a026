import { describe, expect, it } from 'vitest';
import { visitorHash } from './visitor.ts';

const agents = Array.from({ length: 300 }, (_, i) => `Mozilla/5.0 (X11; Linux x86_64) Firefox/${i}.0`);
const visitorsOf = async (ip: string, userAgents: string[]) =>
  new Set(await Promise.all(userAgents.map((ua) => visitorHash('salt', 'voto.test', ip, ua))));

describe('the daily visitor id', () => {
  it('counts one address as at most 3 visitors, whatever user agents it sends', async () => {
    expect((await visitorsOf('203.0.113.7', agents)).size).toBe(3);
  });

  it('counts a whole IPv6 /64 as one address', async () => {
    const rotating = await Promise.all(
      agents.map((ua, i) => visitorHash('salt', 'voto.test', `2001:db8:5:6::${i.toString(16)}`, ua)),
    );
    expect(new Set(rotating).size).toBe(3);
  });

  it('tells addresses, days (salts) and sites apart', async () => {
    const ua = agents[0] ?? '';
    const one = await visitorHash('salt', 'voto.test', '203.0.113.7', ua);
    expect(await visitorHash('salt', 'voto.test', '203.0.113.7', ua)).toBe(one);
    expect(await visitorHash('salt', 'voto.test', '203.0.113.8', ua)).not.toBe(one);
    expect(await visitorHash('other', 'voto.test', '203.0.113.7', ua)).not.toBe(one);
    expect(await visitorHash('salt', 'other.test', '203.0.113.7', ua)).not.toBe(one);
    expect(one).toMatch(/^[0-9a-f]{24}$/);
  });
});
