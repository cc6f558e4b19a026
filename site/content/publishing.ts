import { todayUtc } from '../../functions/domain/dates.ts';
// Drafts and scheduled dates: the one rule the build and the content check share.

/** The day the build publishes for: CONTENT_DATE (YYYY-MM-DD, for tests and previews) or today in UTC. */
export function publishingDay(env: Record<string, string | undefined> = process.env): string {
  const forced = env.CONTENT_DATE;
  if (forced && /^\d{4}-\d{2}-\d{2}$/.test(forced)) return forced;
  return todayUtc();
}

/** How an entry stands on `day`: published, a draft, or scheduled for later. */
export function publicationState(
  entry: { draft?: boolean; publish_date?: string | undefined },
  day: string,
): 'published' | 'draft' | 'scheduled' {
  if (entry.draft) return 'draft';
  if (entry.publish_date && entry.publish_date > day) return 'scheduled';
  return 'published';
}
