import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { readerLanguage, redirectByLanguage } from './language-redirect.ts';

/** `/`: sends each visitor to /es/ or /en/ by `Accept-Language`, keeping the query (campaign tags). No cookie. */
export const rootRoutes = new Hono<AppEnv>().get('/', readerLanguage, (c) =>
  redirectByLanguage(c, (lang) => `/${lang}/${new URL(c.req.url).search}`),
);
