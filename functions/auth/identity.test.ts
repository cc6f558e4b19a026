import { describe, expect, it } from 'vitest';
import { matchesPeople } from './access-roles.ts';
import { identityEmail, tokenTimesProblem } from './identity.ts';

const NOW = 1_900_000_000;

describe("an Access token's times", () => {
  it('are sound when issued up to 60 s ahead of this clock and expiring later', () => {
    expect(tokenTimesProblem({ iat: NOW - 60, exp: NOW + 3600 }, NOW)).toBeNull();
    expect(tokenTimesProblem({ iat: NOW + 60, exp: NOW + 3600 }, NOW)).toBeNull();
  });

  it('are refused without exp or iat, with iat past the skew, or expiring before issue', () => {
    expect(tokenTimesProblem({ iat: NOW }, NOW)).toMatch(/exp/);
    expect(tokenTimesProblem({ exp: NOW + 3600 }, NOW)).toMatch(/iat/);
    expect(tokenTimesProblem({ iat: String(NOW), exp: NOW + 3600 }, NOW)).toMatch(/iat/);
    expect(tokenTimesProblem({ iat: Number.NaN, exp: NOW + 3600 }, NOW)).toMatch(/iat/);
    expect(tokenTimesProblem({ iat: NOW + 61, exp: NOW + 3600 }, NOW)).toMatch(/future/);
    expect(tokenTimesProblem({ iat: NOW, exp: NOW }, NOW)).toMatch(/before/);
  });
});

describe('identity e-mail addresses', () => {
  it('are case-folded', () => {
    expect(identityEmail('Ana.Lopez+ine@INE.mx')).toBe('ana.lopez+ine@ine.mx');
  });

  it.each([
    undefined,
    42,
    '',
    'ana',
    '@ine.mx',
    'ana@',
    'ana@ine',
    'a@allowed.org@evil.com',
    'a@evil.com@allowed.org',
    '"a@allowed.org"@evil.com',
    'ana@ine.mx ',
    ' ana@ine.mx',
    'ana lopez@ine.mx',
    'ana@ine..mx',
    '.ana@ine.mx',
    'ana.@ine.mx',
    'ana@-ine.mx',
    'ana＠ine.mx',
    'аna@ine.mx',
    'ana@ine.mx\u0000',
    `${'a'.repeat(65)}@ine.mx`,
  ])('refuses %j', (value) => {
    expect(identityEmail(value)).toBeNull();
  });

  it('match a domain only as a whole domain, with no @ tricks', () => {
    const entries = ['@allowed.org', 'jefa@ine.mx'];
    expect(matchesPeople('Ana@Allowed.ORG', entries)).toBe(true);
    expect(matchesPeople('JEFA@ine.mx', entries)).toBe(true);
    expect(matchesPeople('a@allowed.org@evil.com', entries)).toBe(false);
    expect(matchesPeople('a@evil.com@allowed.org', entries)).toBe(false);
    expect(matchesPeople('a@allowed.org.evil.com', entries)).toBe(false);
    expect(matchesPeople('a@evilallowed.org', entries)).toBe(false);
    expect(matchesPeople('a@sub.allowed.org', entries)).toBe(false);
    expect(matchesPeople('jefa@ine.mx@evil.com', entries)).toBe(false);
  });
});
