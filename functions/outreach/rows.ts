// The rules of one row of each kind of outreach import, as zod schemas (the one way this codebase validates):
// cells arrive as text, come out as the stored row. Field problems come in column order, then the checks that
// compare two fields (a period or dates out of order).
import { z } from 'zod';
import {
  type CallRow,
  CONTACT_DIMENSIONS,
  type ContactRow,
  type FigureRow,
  OUTREACH_CHANNELS,
  type OutreachKind,
  type OutreachRows,
} from '../domain/outreach.ts';
import { isoDate } from '../domain/registration.ts';

const cell = z.string().trim();
const filled = cell.min(1, 'is empty: every row must give it');
const code = filled.regex(/^[a-z0-9_]+$/, 'is not a code: use lower case letters, digits and _');
const day = filled.pipe(isoDate);
const flag = cell
  .refine((v) => ['', '0', '1'].includes(v), 'must be 1 (a printed total) or 0 (detail)')
  .transform((v) => (v === '1' ? 1 : 0) as 0 | 1);
const count = filled
  .regex(/^-?\d+$/, 'is not a whole number (write digits only, no thousands separators)')
  .transform(Number)
  .refine((n) => n >= 0, 'is negative: counts are 0 or more')
  .refine((n) => Number.isSafeInteger(n), 'is too large');
const value = cell
  .refine(
    (v) => v === '' || /^-?\d+(\.\d+)?$/.test(v),
    'is not a number (digits and a decimal point only, no thousands separators)',
  )
  .transform((v) => (v === '' ? null : Number(v)))
  .refine((n) => n === null || n >= 0, 'is negative: figures are 0 or more');
// A publication day, or several joined by ';' when the report lists several.
const days = cell.refine(
  (v) => v === '' || v.split(';').every((d) => isoDate.safeParse(d.trim()).success),
  'must be a date written YYYY-MM-DD (several dates joined by ;), or empty',
);

/** The cross-field rule every kind shares: a period does not end before it starts. */
function periodInOrder(row: { period_start: string; period_end: string }, ctx: z.RefinementCtx): void {
  if (row.period_end < row.period_start)
    ctx.addIssue({
      code: 'custom',
      path: ['period_end'],
      message: `is before period_start ${row.period_start}: the period is out of order`,
    });
}

const figure = z
  .object({
    period_start: day,
    period_end: day,
    area: cell,
    channel: z.enum(OUTREACH_CHANNELS, { error: `is not a channel; use one of ${OUTREACH_CHANNELS.join(', ')}` }),
    platform: filled,
    item: filled,
    format: cell,
    date: days.transform((v) =>
      v
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .join(';'),
    ),
    date_end: cell.refine((v) => v === '' || isoDate.safeParse(v).success, 'is not a date written YYYY-MM-DD'),
    segment: cell,
    link: cell,
    metric: code,
    value,
    value_qualifier: cell.refine((v) => ['', '>', '<'].includes(v), 'must be empty, > (more than) or <'),
    is_reported_total: flag,
    source: cell,
    note: cell,
  })
  .superRefine((row, ctx) => {
    periodInOrder(row, ctx);
    const first = row.date.split(';')[0];
    if (row.date_end && first && row.date_end < first)
      ctx.addIssue({
        code: 'custom',
        path: ['date_end'],
        message: `is before date ${first}: the dates are out of order`,
      });
  }) satisfies z.ZodType<FigureRow>;

const call = z
  .object({
    process: cell,
    period_start: day,
    period_end: day,
    call_type: code,
    entity: filled,
    outcome: code,
    outcome_label_es: cell,
    count,
    is_reported_total: flag,
    source: cell,
    note: cell,
  })
  .superRefine(periodInOrder) satisfies z.ZodType<CallRow>;

const contact = z
  .object({
    process: cell,
    period_start: day,
    period_end: day,
    subject: code,
    dimension: z.enum(CONTACT_DIMENSIONS, { error: `is not a dimension; use one of ${CONTACT_DIMENSIONS.join(', ')}` }),
    category: code,
    category_label_es: cell,
    count,
    unit: cell.transform((v) => v || 'contacts'),
    is_reported_total: flag,
    source: cell,
    note: cell,
  })
  .superRefine(periodInOrder) satisfies z.ZodType<ContactRow>;

/** The schema of one row of each kind: text cells in, the stored row out. */
export const OUTREACH_ROW_SCHEMAS: { [K in OutreachKind]: z.ZodType<OutreachRows[K], Record<string, string>> } = {
  figures: figure as never,
  calls: call as never,
  contacts: contact as never,
};
