import { describe, expect, it } from 'vitest';
import { addressBytes, clientKey, networkOf, siteKey } from './client-network.ts';

describe('client networks', () => {
  it('keys IPv4 by the address, its network by the /24', () => {
    expect(clientKey('203.0.113.10')).toBe('203.0.113.10');
    expect(siteKey('203.0.113.10')).toBeNull();
    expect(networkOf('203.0.113.10')).toBe('203.0.113.0/24');
    expect(networkOf('203.0.113.250')).toBe('203.0.113.0/24');
  });

  it('keys IPv6 by the /64 whatever form the address is written in', () => {
    const forms = [
      '2001:db8:1:2:3:4:5:6',
      '2001:0db8:0001:0002:ffff:ffff:ffff:ffff',
      '2001:DB8:1:2::9',
      '2001:db8:1:2::',
      '[2001:db8:1:2::7]',
      '2001:db8:1:2::1%eth0',
      '2001:db8:1:2:a:b:192.0.2.1',
    ];
    for (const form of forms) expect(clientKey(form), form).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  });

  it('gives IPv6 a looser key and a network by the /48', () => {
    expect(siteKey('2001:db8:1:2::9')).toBe('2001:db8:1::/48');
    expect(siteKey('2001:db8:1:ffff::9')).toBe('2001:db8:1::/48');
    expect(networkOf('2001:db8:1:ffff::9')).toBe('2001:db8:1::/48');
    expect(networkOf('2001:db8:2::9')).toBe('2001:db8:2::/48');
  });

  it('reads IPv4-mapped and NAT64 addresses as the IPv4 client they carry', () => {
    expect(clientKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(clientKey('::ffff:c633:6407')).toBe('198.51.100.7');
    expect(clientKey('64:ff9b::198.51.100.7')).toBe('198.51.100.7');
    expect(networkOf('::FFFF:198.51.100.7')).toBe('198.51.100.0/24');
  });

  it('parses the compressed forms exactly', () => {
    expect(Array.from(addressBytes('::') ?? [])).toEqual(Array(16).fill(0));
    expect(Array.from(addressBytes('::1') ?? [])).toEqual([...Array(15).fill(0), 1]);
    expect(Array.from(addressBytes('1::') ?? [])).toEqual([0, 1, ...Array(14).fill(0)]);
  });

  it('refuses what is not an address, and keys it as itself', () => {
    for (const bad of ['', 'localhost', '1.2.3', '1.2.3.256', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', ':::']) {
      expect(addressBytes(bad), bad).toBeNull();
    }
    expect(clientKey('not an address')).toBe('not an address');
  });
});
