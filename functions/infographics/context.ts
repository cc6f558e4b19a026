import type { Context } from 'hono';
import { viewerOf } from '../auth/viewer.ts';
import { todayUtc } from '../domain/dates.ts';
import type { AppEnv } from '../env.ts';
import type { ImageContext } from './templates/types.ts';

/** The context templates read: bindings, today's date and who asks, never text from the request. */
export function imageContext(c: Context<AppEnv>): ImageContext {
  return {
    db: c.env.DB,
    assets: c.env.ASSETS,
    origin: new URL(c.req.url).origin,
    today: todayUtc(),
    viewer: viewerOf(c),
  };
}
