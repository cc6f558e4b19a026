import { todayUtc } from '../domain/dates.ts';
import type { Env } from '../env.ts';
import type { ImageContext } from './templates/types.ts';

/** The context templates read: bindings and today's date, never text from the request. */
export function imageContext(env: Env, url: string): ImageContext {
  return { db: env.DB, assets: env.ASSETS, origin: new URL(url).origin, today: todayUtc() };
}
