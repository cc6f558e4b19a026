import { describe, expect, it } from 'vitest';
import { accessConfig, matchesPeople, rolesOf } from './access-roles.ts';

const config = accessConfig({
  ACCESS_TEAM_DOMAIN: 'https://voto.cloudflareaccess.com/',
  ACCESS_AUD: 'aud-staff, aud-partners',
  ACCESS_STAFF: '@ine.mx, prensa@example.org',
  ACCESS_ADMINS: 'jefa@ine.mx',
  ACCESS_PARTNERS: 'UNAM=@unam.mx; CASAMX=ana@casamx.org lupe@casamx.org',
});

describe('Access configuration', () => {
  it('is off without a team domain', () => {
    expect(accessConfig({})).toBeNull();
    expect(accessConfig({ ACCESS_TEAM_DOMAIN: '  ' })).toBeNull();
  });

  it('reads the team, audiences, people and partner codes', () => {
    expect(config?.teamDomain).toBe('https://voto.cloudflareaccess.com');
    expect(config?.audiences).toEqual(['aud-staff', 'aud-partners']);
    expect([...(config?.partners ?? [])]).toEqual([
      ['UNAM', ['@unam.mx']],
      ['CASAMX', ['ana@casamx.org', 'lupe@casamx.org']],
    ]);
  });

  it('matches a whole address or a whole domain, never a look-alike', () => {
    expect(matchesPeople('Ana@CasaMX.org', ['ana@casamx.org'])).toBe(true);
    expect(matchesPeople('x@ine.mx', ['@ine.mx'])).toBe(true);
    expect(matchesPeople('x@notine.mx', ['@ine.mx'])).toBe(false);
    expect(matchesPeople('x@ine.mx.evil.com', ['@ine.mx'])).toBe(false);
  });

  it('gives admins the staff role too, partners their code, feeds to nobody', () => {
    if (!config) throw new Error('no config');
    expect(rolesOf('jefa@ine.mx', config)).toEqual({ scopes: ['admin', 'staff'], referralCode: null });
    expect(rolesOf('prensa@example.org', config)).toEqual({ scopes: ['staff'], referralCode: null });
    expect(rolesOf('alumna@unam.mx', config)).toEqual({ scopes: ['partner'], referralCode: 'UNAM' });
    expect(rolesOf('someone@gmail.com', config)).toEqual({ scopes: [], referralCode: null });
  });
});
