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

/**
 * The content editor's CSP (/admin/ only, behind sign-in): Decap CMS compiles its configuration schema with `new
 * Function` (hence 'unsafe-eval', which the public pages never allow), styles itself inline, talks to the repository
 * host's API and shows its avatars and files, and previews in a frame of its own; inline scripts stay forbidden.
 */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com",
  "font-src 'self' data:",
  "connect-src 'self' blob: data: https://api.github.com https://raw.githubusercontent.com",
  "frame-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

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
    // The editor replaces the site's CSP with its own (the `!` line detaches the one set above) and is never indexed.
    '/admin/*',
    '  ! Content-Security-Policy',
    `  Content-Security-Policy: ${ADMIN_CSP}`,
    '  X-Robots-Tag: noindex, nofollow',
    '  Cache-Control: no-store',
    '',
  ].join('\n');
}

/** Paths any site may frame: the partner embeds. */
export function framingFor(pathname: string): Framing {
  return pathname.startsWith('/embed/') ? 'any' : 'deny';
}
