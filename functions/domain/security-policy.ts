// The security headers of every answer, as data: the Worker's middleware sets them on dynamic answers and
// the build writes the same into dist/_headers for static files.

/** Who may put our pages in a frame: nobody on the site and API, anyone on embeds. */
export type Framing = 'deny' | 'any';

const SITE_CSP = [
  "default-src 'self'",
  // Site search (Pagefind) runs a WebAssembly index; this permits compiling Wasm, not eval of JavaScript.
  "script-src 'self' 'wasm-unsafe-eval'",
  // Astro inlines small stylesheets; inline styles cannot run code, inline scripts stay forbidden.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** HSTS for two years on the domain and its subdomains: after one visit, browsers never try plain HTTP. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

/** Security headers for a response, by framing policy; the site's static files get the same via `_headers`. */
export function securityHeaders(framing: Framing): Record<string, string> {
  const frameAncestors = framing === 'any' ? 'frame-ancestors *' : "frame-ancestors 'none'";
  const headers: Record<string, string> = {
    // On every answer, embeds included: a partner's frame is loaded over HTTPS like any other page.
    'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY,
    'Content-Security-Policy': [...SITE_CSP, frameAncestors].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  };
  if (framing === 'deny') {
    headers['X-Frame-Options'] = 'DENY';
    headers['Cross-Origin-Opener-Policy'] = 'same-origin';
  }
  return headers;
}

/** Renders the `_headers` file that Workers Static Assets applies to every static file. */
export function staticHeadersFile(): string {
  const lines = Object.entries(securityHeaders('deny')).map(([name, value]) => `  ${name}: ${value}`);
  return [
    '# Generated at build time from functions/domain/security-policy.ts: edit that file, not this one.',
    '/*',
    ...lines,
    '',
    '/_astro/*',
    '  Cache-Control: public, max-age=31536000, immutable',
    '',
  ].join('\n');
}

/** Paths any site may frame: the partner embeds. */
export function framingFor(pathname: string): Framing {
  return pathname.startsWith('/embed/') ? 'any' : 'deny';
}
