import { addDays } from '../domain/dates.ts';
import { clientKey, networkOf } from '../shared/client-network.ts';

// The day's salt, per isolate: one D1 read a day per isolate, not one per event.
let cached: { day: string; salt: string } | undefined;

/**
 * The random salt of `day`, created on first use; salts older than yesterday are deleted as a new day
 * starts, so after 48 hours no visitor hash can be recomputed or linked to another day's.
 */
export async function saltFor(db: D1Database, day: string): Promise<string> {
  if (cached?.day === day) return cached.salt;
  const fresh = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
  const yesterday = addDays(day, -1);
  const [, , row] = await db.batch<{ salt: string }>([
    db.prepare('INSERT OR IGNORE INTO visitor_salts (day, salt) VALUES (?, ?)').bind(day, fresh),
    db.prepare('DELETE FROM visitor_salts WHERE day < ?').bind(yesterday),
    db.prepare('SELECT salt FROM visitor_salts WHERE day = ?').bind(day),
  ]);
  const salt = row?.results[0]?.salt ?? fresh;
  cached = { day, salt };
  return salt;
}

/** Forgets the cached salt (tests that move the clock). */
export function forgetSalt(): void {
  cached = undefined;
}

/** At most this many daily visitors per client address (IPv6: per /64), whatever user agents it sends. */
export const VISITORS_PER_ADDRESS = 3;

/**
 * The daily visitor id: SHA-256 of salt, site host, the client (IPv4 address or IPv6 /64) and a bucket of
 * the user agent (0 to VISITORS_PER_ADDRESS - 1), shortened. The bucket, not the user agent itself, is what
 * is hashed, so one address rotating user agents counts as at most 3 visitors a day; people sharing an
 * address (a household, a campus behind one NAT) are undercounted instead, the lesser error for figures
 * staff report. Never stored with its inputs.
 */
export async function visitorHash(salt: string, host: string, ip: string, userAgent: string): Promise<string> {
  const bucket = fnv1a(userAgent) % VISITORS_PER_ADDRESS;
  const id = await digest(`${salt}|${host}|${clientKey(ip)}|${bucket}`);
  return Array.from(id.slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The key of the per-browser limit (EVENTS_LIMITER): one address and one whole user agent, never stored. It is finer
 * than a counted visitor on purpose: counting folds an address into at most 3 visitors, but limiting by those would
 * throttle a campus behind one address far below the contract's 600 events a minute per client.
 */
export async function browserKey(salt: string, host: string, ip: string, userAgent: string): Promise<string> {
  const id = await digest(`${salt}|browser|${host}|${clientKey(ip)}|${userAgent}`);
  return Array.from(id.slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The sender's network (IPv4 /24, IPv6 /48) as a daily id: new free values need two of them (admission.ts). */
export async function networkId(salt: string, ip: string): Promise<string> {
  const input = `${salt}|network|${networkOf(ip)}`;
  const known = networkIds.get(input);
  if (known) return known;
  const id = Array.from((await digest(input)).slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
  if (networkIds.size >= MAX_NETWORK_IDS) networkIds.clear();
  networkIds.set(input, id);
  return id;
}

// Network ids already hashed in this isolate (a day's salt is in the key, so a new day never reuses one):
// most events come from networks seen a moment ago, and a hash costs more than the rest of the request.
const MAX_NETWORK_IDS = 10_000;
const networkIds = new Map<string, string>();

// FNV-1a over the UTF-16 code units: spreads user agents evenly over the buckets without a hash call.
// It needs no secrecy: the bucket is hashed with the salt and the address before anything leaves.
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const digest = async (text: string) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
