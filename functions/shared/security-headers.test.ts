import { describe, expect, it } from 'vitest';
import { securityHeaders, staticHeadersFile } from '../domain/security-policy.ts';

describe('security headers', () => {
  it('deny framing on the site, allow it on embeds', () => {
    expect(securityHeaders('deny')['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(securityHeaders('deny')['X-Frame-Options']).toBe('DENY');
    expect(securityHeaders('any')['Content-Security-Policy']).toContain('frame-ancestors *');
    expect(securityHeaders('any')['X-Frame-Options']).toBeUndefined();
  });

  it('send HSTS for two years with subdomains on every answer, embeds included', () => {
    for (const framing of ['deny', 'any'] as const) {
      expect(securityHeaders(framing)['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
    }
  });

  it('pin the site policy directive by directive: same-origin only, inline styles, no framing', () => {
    expect(securityHeaders('deny')['Content-Security-Policy']).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
  });

  it('never allow inline scripts or eval; only Wasm compilation (site search) is added', () => {
    const scriptSrc = securityHeaders('deny')
      ['Content-Security-Policy']?.split('; ')
      .find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self' 'wasm-unsafe-eval'");
  });

  it('render the static _headers file for every path', () => {
    const file = staticHeadersFile();
    expect(file).toMatch(/^\/\*$/m);
    expect(file).toContain('  X-Content-Type-Options: nosniff');
    expect(file).toContain('  Strict-Transport-Security: max-age=63072000; includeSubDomains');
  });

  it('give the content editor (/admin/*) its own CSP in place of the site one, and only there', () => {
    const blocks = staticHeadersFile().split(/\n(?=\S)/);
    const admin = blocks.find((block) => block.startsWith('/admin/*\n')) ?? '';
    expect(admin.split('\n').slice(1, 3)).toEqual([
      '  ! Content-Security-Policy',
      "  Content-Security-Policy: default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com; font-src 'self' data:; connect-src 'self' blob: data: https://api.github.com https://raw.githubusercontent.com; frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    ]);
    expect(admin).toContain('  X-Robots-Tag: noindex, nofollow');
    for (const block of blocks.filter((b) => !b.startsWith('/admin/*'))) expect(block).not.toContain("'unsafe-eval'");
  });
});
