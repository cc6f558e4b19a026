import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { publishedKeys } from './keys.ts';

/** `/.well-known/voto-extranjero-keys.json`: the public keys that verify the site's files, for anyone to fetch. */
export const keysRoutes = new Hono<AppEnv>().get('/.well-known/voto-extranjero-keys.json', async (c) => {
  const set = await publishedKeys(c.env);
  c.header('Cache-Control', 'public, max-age=300');
  // Checkers on other sites (a newsroom's own tool) read it from the browser.
  c.header('Access-Control-Allow-Origin', '*');
  return c.json(set, 200);
});
