import { z } from '@hono/zod-openapi';
import type { MetricsSummary, ReferralFigures } from '../domain/metrics.ts';
import { date, type SameShape } from '../shared/answer-parts.ts';

// The shapes of this feature's API answers, for the OpenAPI document.

/** The staff summary of the site's own traffic (the contract's fields, and more tables). */
export const MetricsSummaryAnswer = z
  .looseObject({
    from: date,
    to: date,
    pageviews: z.number().int(),
    visitors: z.number().int().describe('Distinct daily visitors, summed over the days.'),
    events: z.record(z.string(), z.number().int()),
    pages: z.array(z.looseObject({ path: z.string(), pageviews: z.number().int(), visitors: z.number().int() })),
    campaigns: z.array(
      z.object({ source: z.string(), medium: z.string(), campaign: z.string(), visits: z.number().int() }),
    ),
    referrers: z.array(z.object({ host: z.string(), visits: z.number().int() })),
    embeds: z.array(z.object({ host: z.string(), views: z.number().int() })),
    downloads: z.array(z.object({ asset: z.string(), count: z.number().int() })),
    previous: z.looseObject({ from: date, to: date }).describe('The same figures for the period just before.'),
  })
  .openapi('MetricsSummary');

// The staff page reads MetricsSummary from functions/domain/; the answer documents the contract's fields of it (the
// schema is loose: the quarterly reports' tables ride along), so each documented field must be the summary's own.
// `pages` documents only the contract's columns of each row; the route's typed `c.json` holds the rest to it.
type DocumentedSummary = Omit<z.output<ReturnType<typeof MetricsSummaryAnswer.strict>>, 'previous' | 'pages'>;
const _summaryIsAnswer: SameShape<Pick<MetricsSummary, keyof DocumentedSummary>, DocumentedSummary> = true;

/** A partner's own referral figures. */
export const ReferralAnswer = z
  .object({
    code: z.string(),
    name: z.string(),
    from: date,
    to: date,
    visits: z.number().int(),
    visitors: z.number().int(),
    register_clicks: z.number().int(),
    daily: z.array(
      z.object({ date, visits: z.number().int(), visitors: z.number().int(), register_clicks: z.number().int() }),
    ),
  })
  .openapi('ReferralFigures');

// The partner page reads ReferralFigures from functions/domain/ (the site imports nothing else): held to the schema.
const _referralIsAnswer: SameShape<ReferralFigures, z.output<typeof ReferralAnswer>> = true;

/** The site's traffic as anyone may see it: counts under 10 are null, the others rounded down to tens. */
export const PublicTrafficAnswer = z
  .object({
    from: date,
    to: date,
    suppressed_below: z.number().int(),
    rounded_down_to: z.number().int(),
    pageviews: z.number().int().nullable(),
    visitors: z.number().int().nullable(),
    pages: z.array(z.object({ path: z.string(), pageviews: z.number().int().nullable() })),
    languages: z.array(z.object({ lang: z.string(), events: z.number().int().nullable() })),
    countries: z.array(z.object({ country: z.string(), events: z.number().int() })),
  })
  .openapi('PublicTraffic');
