// Issue 29's hostile flood for the events bench: how many D1 rows random campaign values from many networks leave.
import { countEvents } from '../../functions/metrics/count.ts';
import { type EventMessage, reduceEvent } from '../../functions/metrics/event.ts';
import { deleteExpired } from '../../functions/metrics/retention.ts';
import { networkId } from '../../functions/metrics/visitor.ts';

const DAY = '2040-03-01';

/** Issue 29's flood: 10,000 pageviews, each with a random campaign value, from 200 IPv4 /24s and 200 IPv6 /48s
   (3 visitors each), as the endpoint would queue them (network ids hashed with the day's salt). */
export async function hostileEvents(): Promise<Omit<EventMessage, 'id'>[]> {
  const networks = await Promise.all(
    Array.from({ length: 400 }, (_, n) =>
      networkId('bench-salt', n < 200 ? `198.${n >> 8}.${n & 255}.7` : `2001:db8:${(n - 200).toString(16)}::1`),
    ),
  );
  return Array.from({ length: 10_000 }, (_, k) => {
    const network = networks[k % networks.length] ?? '';
    const campaign = Math.random().toString(36).slice(2, 10);
    const event = {
      name: 'pageview' as const,
      url: `https://voto.test/es/?utm_source=s&utm_medium=m&utm_campaign=${campaign}`,
      referrer: `https://${campaign}.example/`,
    };
    return {
      hour: `${DAY}T10`,
      day: DAY,
      visitor: `${network}-${k % 3}`,
      network,
      ...reduceEvent(event, 'US', (p) => p),
    };
  });
}

/** Rows every metrics table holds after `events` are counted in batches of 100 on a fresh database, and after the retention that closes their day. */
export async function rowsKept(
  db: D1Database,
  events: Omit<EventMessage, 'id'>[],
): Promise<{ counted: number; closed: number }> {
  const tables = ['metric_rollups', 'metric_daily_keys', 'metric_key_networks', 'metric_pending_keys'];
  const more = ['metric_daily_visitors', 'metric_visitor_seen', 'metric_batches'];
  const total = async () => {
    let sum = 0;
    for (const table of [...tables, ...more]) {
      sum += (await db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())?.n ?? 0;
    }
    return sum;
  };
  for (let start = 0; start < events.length; start += 100) {
    const batch = events.slice(start, start + 100).map((e, i) => ({ ...e, id: `hostile-${start + i}` }));
    await countEvents(db, batch, Date.now());
  }
  const counted = await total();
  await deleteExpired(db, Date.parse(`${DAY}T00:00:00Z`) + 3 * 86_400_000);
  return { counted, closed: await total() };
}
