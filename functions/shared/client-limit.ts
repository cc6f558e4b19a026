import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { clientKey, siteKey } from './client-network.ts';
import { clientAddress, LocalFirstLimiter } from './rate-limit.ts';

// Each isolate lets an IPv6 /48 this many requests a minute before it asks the shared limiter.
const siteLimit = new LocalFirstLimiter(60);

/**
 * True when this request's client is over a per-client limit: `limiter` keyed by the IPv4 address or the
 * IPv6 /64 (rotating addresses inside one's own /64 changes nothing), then, for IPv6, NETWORK_LIMITER keyed
 * by the /48 (a looser line for a whole site, `purpose` keeping each limit's budget apart). No address
 * (Worker tests) means no per-client limit.
 */
export async function clientOverLimit(
  c: Context<AppEnv>,
  local: LocalFirstLimiter,
  limiter: RateLimit | undefined,
  purpose: string,
): Promise<boolean> {
  return addressOverLimit(clientAddress(c), local, limiter, c.env.NETWORK_LIMITER, purpose);
}

/** `clientOverLimit` for an address already read (`network`: the NETWORK_LIMITER binding). */
export async function addressOverLimit(
  address: string | undefined,
  local: LocalFirstLimiter,
  limiter: RateLimit | undefined,
  network: RateLimit | undefined,
  purpose: string,
): Promise<boolean> {
  if (!address) return false;
  if (await local.over(limiter, clientKey(address))) return true;
  const site = siteKey(address);
  return site !== null && (await siteLimit.over(network, `${purpose}:${site}`));
}
