import type { APIRoute } from 'astro';

/** robots.txt with the sitemap's absolute address, which depends on the deployed site URL. */
export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL('/sitemap-index.xml', site ?? 'http://localhost:8787');
  const text = ['User-agent: *', 'Allow: /', 'Disallow: /api/', 'Disallow: /admin/', `Sitemap: ${sitemap}`, ''].join(
    '\n',
  );
  return new Response(text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
