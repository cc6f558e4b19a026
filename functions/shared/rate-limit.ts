import type { Context } from 'hono';
import { ApiError } from './errors.ts';

const MAX_TRACKED = 50_000;

/**
 * A Cloudflare rate limiter asked only past a free allowance counted in this isolate's memory: ordinary
 * use never pays for a call to the shared limiter. A client spread over many isolates gets at most the
 * allowance extra in each; the shared limiter holds the real line.
 */
export class LocalFirstLimiter {
  private minute = -1;
  private readonly seen = new Map<string, number>();
  private readonly freePerMinute: number;

  /** `freePerMinute`: requests a key may make in one isolate and one minute before the shared limiter is asked. */
  constructor(freePerMinute: number) {
    this.freePerMinute = freePerMinute;
  }

  /**
   * True when `key` is over the shared limiter's line (false when there is no limiter, as in some tests).
   * `sharedKey` is what the shared limiter is asked with, computed only past the allowance (a hash costs
   * more than the whole local count).
   */
  async over(
    limiter: RateLimit | undefined,
    key: string,
    now = Date.now(),
    sharedKey: () => string | Promise<string> = () => key,
  ): Promise<boolean> {
    if (!limiter) return false;
    const current = Math.floor(now / 60_000);
    if (current !== this.minute || this.seen.size > MAX_TRACKED) {
      this.minute = current;
      this.seen.clear();
    }
    const count = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, count);
    if (count <= this.freePerMinute) return false;
    return !(await limiter.limit({ key: await sharedKey() })).success;
  }
}

/**
 * The client's address as Cloudflare's edge reports it, used only as a limiter key: never stored, never
 * logged. `wrangler dev` sets it to the caller's address too; only the Worker tests call without one, and
 * there per-address limits do not apply.
 */
export function clientAddress(c: Context): string | undefined {
  return c.req.header('cf-connecting-ip') || undefined;
}

/** The 429 every limit answers, with the minute a client should wait. */
export function tooManyRequests(message: string): ApiError {
  return new ApiError('rate_limited', message, [], { 'Retry-After': '60' });
}
