// Over 250 lines on purpose: every content collection's front matter and data schema in one file, side by side.
// The front matter and data schemas of every content collection. Astro (site/content.config.ts) and
// `npm run content:check` both validate with these, so an error reads the same in either; one file (longer than
// 250 lines) so every collection's rules sit side by side.
import { z } from 'zod';
import { isoDay as dayOf } from '../../functions/domain/dates.ts';
import { isEntityCode } from '../../functions/domain/entities.ts';
import { MODALITIES } from '../../functions/domain/registration.ts';
import { LANGS, type Lang } from '../i18n/locales.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar day written `YYYY-MM-DD`. YAML turns such a value into a Date at UTC midnight and
 * Astro keeps it that way, so both forms are accepted and normalised back to the string.
 */
export const isoDay = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? dayOf(value) : value),
  z
    .string({ error: 'must be a date written YYYY-MM-DD' })
    .regex(ISO_DATE, { error: 'must be a date written YYYY-MM-DD', abort: true })
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'is not a real calendar day'),
);

/** A text in both site languages (data files carry both side by side). */
export const bilingual = z.strictObject({
  es: z.string().trim().min(1, 'needs the Spanish text'),
  en: z.string().trim().min(1, 'needs the English text'),
});

/** The language of a file or of a material. */
export const langSchema = z.enum(LANGS as [Lang, ...Lang[]]);

/** Fields every page-like entry (guide, news item, event, notice, FAQ answer) has. */
const pageFields = {
  title: z
    .string()
    .trim()
    .min(3, 'is too short (3 characters at least)')
    .max(120, 'is too long (120 characters at most)'),
  description: z
    .string()
    .trim()
    .min(20, 'is too short for search results (20 characters at least)')
    .max(200, 'is too long for search results (200 characters at most)'),
  /** A draft is never built. */
  draft: z.boolean().default(false),
  /** Scheduled publication: the page is built only from this day on. */
  publish_date: isoDay.optional(),
  /** The last day the text changed: translation status compares the languages' dates. */
  updated: isoDay,
};

/**
 * A time-sensitive statement (what is open now, what is announced, what a plan depends on): the day someone last
 * checked it against its source, and that source. Pages print "Checked on …" beside it, and "as of …" once it is
 * older than STATEMENT_FRESH_DAYS (site/content/freshness.ts).
 */
const statementFields = {
  /** Whether the page states something that can stop being true (then `checked_on` and `source` are required). */
  time_sensitive: z.boolean().default(false),
  /** The day the time-sensitive statements were last checked against `source`. */
  checked_on: isoDay.optional(),
  /** Where the facts come from: the report and section, or an outside source by name, article and date. */
  source: z.string().trim().min(3).optional(),
};

/** Refuses a page marked time-sensitive without the day it was checked and the source it was checked against. */
function requireCheck(
  page: { time_sensitive: boolean; checked_on?: string | undefined; source?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (!page.time_sensitive) return;
  for (const field of ['checked_on', 'source'] as const) {
    if (!page[field])
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message:
          field === 'checked_on'
            ? 'is required on a time-sensitive page: the day you checked what it says (YYYY-MM-DD)'
            : 'is required on a time-sensitive page: the report and section, or outside source, you checked it against',
      });
  }
}

/** A dated statement held in a data file (the between-elections block): when it was checked, and against what. */
export const checkedStatementSchema = z.strictObject({
  checked_on: isoDay,
  source: bilingual,
});

/** Sections of the guides, in the order the guides index shows them. */
export const GUIDE_SECTIONS = ['credencial', 'registro', 'votar', 'informacion'] as const;

/** A guide: a complete, standalone text for citizens. */
export const guideSchema = z
  .strictObject({
    ...pageFields,
    ...statementFields,
    section: z.enum(GUIDE_SECTIONS),
    /** Position within its section. */
    order: z.number().int().min(1),
    /** Slugs of other guides worth reading next. */
    related: z.array(z.string()).default([]),
  })
  .superRefine(requireCheck);

/** A news item (the reports' press releases, rewritten short). */
export const newsSchema = z
  .strictObject({
    ...pageFields,
    ...statementFields,
    date: isoDay,
    tags: z.array(z.string()).default([]),
  })
  .superRefine(requireCheck);

/** Kinds of events. */
export const EVENT_KINDS = ['taller', 'conversatorio', 'feria', 'foro', 'jornada', 'sesion', 'presentacion'] as const;

/** Whether an event happens online, in a place, or both. */
export const EVENT_FORMATS = ['virtual', 'presencial', 'hibrido', 'sin-dato'] as const;

/** An event: talk, workshop, fair, forum, registration drive. */
export const eventSchema = z
  .strictObject({
    ...pageFields,
    start: isoDay,
    end: isoDay.optional(),
    /** Local start time `HH:MM`, with its IANA zone, when the report gives one. */
    time: z
      .string()
      .regex(/^\d{2}:\d{2}$/, 'must be a time written HH:MM')
      .optional(),
    timezone: z.string().optional(),
    kind: z.enum(EVENT_KINDS),
    format: z.enum(EVENT_FORMATS),
    place: z.string().trim().min(2).optional(),
    organizer: z.string().trim().min(2),
    url: z.url({ error: 'must be a full https:// address' }).optional(),
    ...statementFields,
  })
  .superRefine(requireCheck)
  .refine((event) => !event.end || event.end >= event.start, {
    path: ['end'],
    message: 'is before start; an event cannot end before it begins',
  });

/** A notice: a short, dated announcement (a deadline, a service change). */
export const noticeSchema = z.strictObject({
  ...pageFields,
  date: isoDay,
  /** After this day the notice leaves the home page and shows as past. */
  expires: isoDay.optional(),
  level: z.enum(['info', 'important']).default('info'),
  /** A notice is time-sensitive by nature: the day it was last checked is required. */
  checked_on: isoDay,
  /** What it was checked against (report and section, or outside source); required like `checked_on`. */
  source: z.string().trim().min(3),
});

/** Topics of the FAQ, in the order the FAQ page shows them. */
export const FAQ_TOPICS = ['credencial', 'registro', 'votar', 'sitio'] as const;

/** One FAQ question; the body is the answer. */
export const faqSchema = z
  .strictObject({
    ...pageFields,
    ...statementFields,
    topic: z.enum(FAQ_TOPICS),
    order: z.number().int().min(1),
  })
  .superRefine(requireCheck);

/** Kinds of partner organizations. */
export const PARTNER_KINDS = [
  'instituto-electoral',
  'consulado',
  'organizacion-migrante',
  'universidad',
  'medio',
  'gobierno',
  'organismo-internacional',
] as const;

/** A partner organization (content/partners.yaml). */
export const partnerSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lowercase letters, digits and hyphens'),
  name: z.string().trim().min(2),
  kind: z.enum(PARTNER_KINDS),
  /** Where it works: a country name in Spanish, as the reports print it. */
  country: z.string().trim().min(2),
  url: z.url({ error: 'must be a full https:// address' }).optional(),
  summary: bilingual,
  source: z.string().trim().min(3),
});

/** A promotion campaign (content/campaigns.yaml). */
export const campaignSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lowercase letters, digits and hyphens'),
  name: bilingual,
  description: bilingual,
  start: isoDay,
  end: isoDay,
  source: z.string().trim().min(3),
});

/** Kinds of campaign materials. */
export const MATERIAL_KINDS = ['banner', 'infografia', 'cartel', 'spot', 'radio', 'folleto'] as const;

/** One downloadable campaign material (content/materials.yaml); files live in public/materiales/. */
export const materialSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lowercase letters, digits and hyphens'),
  campaign: z.string(),
  kind: z.enum(MATERIAL_KINDS),
  title: bilingual,
  /** What the material shows or says, for people who cannot see or hear it. */
  alt: bilingual,
  lang: z.enum(['es', 'en', 'es-en']),
  /** Pixel size (`1080x1080`) for images, duration (`30 s`) for spots and radio. */
  dimensions: z.string().regex(/^(\d+x\d+|\d+ s)$/, 'must be WIDTHxHEIGHT (1080x1080) or a duration (30 s)'),
  start: isoDay,
  end: isoDay,
  /** Path under public/, starting with /materiales/. */
  file: z.string().regex(/^\/materiales\/[a-z0-9._/-]+$/, 'must be a path under /materiales/ in lowercase'),
});

/** One official term (content/glossary.yaml): the glossary page, first-use links in guides and the content check. */
export const glossaryEntrySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be lowercase letters, digits and hyphens'),
    /** The term as the text writes it (an acronym matches case and all; a word matches in any case). */
    term: z.string().trim().min(2),
    /** Whether the term is Spanish, so English text must mark it with <span lang="es">. */
    spanish: z.boolean(),
    name: bilingual,
    definition: bilingual,
    /** The one wording English text uses for the concept ("voter ID card"), when it has one. */
    english: z.string().trim().min(2).optional(),
    /** English wordings this site does not use for the concept (content:check names `english` instead). */
    avoid_in_english: z.array(z.string().trim().min(2)).default([]),
  })
  .refine((entry) => entry.avoid_in_english.length === 0 || entry.english, {
    path: ['english'],
    message: "is required when 'avoid_in_english' lists wordings (say which one to write instead)",
  });

/** One state's part in an electoral process: what its people abroad elect. */
const processEntitySchema = z.strictObject({
  offices: z.array(bilingual).min(1, 'needs at least one office'),
});

/** The dates of a process that a source must back (content:check refuses a date no source names). */
export const PROCESS_DATES = [
  'registration_opens',
  'registration_closes',
  'correction_deadline',
  'election_day',
] as const;

/** Where a process's facts come from, in both languages, naming the dates it backs. */
const processSourceSchema = z.strictObject({
  es: z.string().trim().min(3, 'needs the Spanish text'),
  en: z.string().trim().min(3, 'needs the English text'),
  /** The dates of this process that the source gives (an outside source, not a report, says so in its text). */
  dates: z.array(z.enum(PROCESS_DATES)).default([]),
});

/**
 * A change of one of a process's dates after it was first published. Calendars number an entry's versions by
 * these (RFC 5545 SEQUENCE), so subscribed apps replace the old day instead of keeping both.
 */
const dateChangeSchema = z.strictObject({
  date: z.enum(PROCESS_DATES),
  /** The day the new date was published. */
  changed_on: isoDay,
  /** The day the date said before the change. */
  previous: isoDay,
});

/**
 * What a report said about a process whose dates are not published yet, and when: a reader sees the
 * report's month so "next" is never mistaken for news.
 */
const announcementSchema = z.strictObject({
  /** The month of the report that announced it, `YYYY-MM`. */
  reported_in: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM'),
  es: z.string().trim().min(20, 'needs the Spanish text (20 characters at least)'),
  en: z.string().trim().min(20, 'needs the English text (20 characters at least)'),
  /** An announcement is time-sensitive: the day it was last checked against `source`. */
  checked_on: isoDay,
  /** The report and section (or outside source) the announcement was checked against, in both languages. */
  source: bilingual,
});

/** An electoral process (content/processes/*.json): the feed definition plus what citizens need. */
export const processSchema = z
  .strictObject({
    name: bilingual,
    kind: z.enum(['local', 'federal', 'concurrent']),
    /** Null while the process is announced but its calendar is not published. */
    registration_opens: isoDay.nullable(),
    registration_closes: isoDay.nullable(),
    /** The end of INE's review of applications and of the documents sent to correct them, if published. */
    correction_deadline: isoDay.nullable(),
    election_day: isoDay.nullable(),
    modalities: z.array(z.enum(MODALITIES)).min(1),
    /** The states whose people abroad vote, keyed by INEGI code, with their offices (empty until published). */
    states: z.record(
      z.string().refine(isEntityCode, 'must be a two-digit INEGI state code (01-32)'),
      processEntitySchema,
    ),
    /** Offices every state in the process elects (the federal ones), on top of `states`. */
    national_offices: z.array(bilingual).default([]),
    /** Whether demo registration data exists for it (db/seed generates only what the reports publish). */
    has_registration_data: z.boolean(),
    /** Dates the source gives as planned, not confirmed (calendars mark them STATUS:TENTATIVE). */
    tentative_dates: z.array(z.enum(PROCESS_DATES)).default([]),
    /** Every change of a published date, oldest first: append one when a date moves (never edit the date alone). */
    date_changes: z.array(dateChangeSchema).default([]),
    /** For a process announced without dates: what the report said and when. */
    announcement: announcementSchema.optional(),
    sources: z.array(processSourceSchema).min(1, 'needs at least one source'),
  })
  .superRefine((process, ctx) => {
    const { registration_opens: opens, registration_closes: closes } = process;
    if ((opens === null) !== (closes === null))
      ctx.addIssue({
        code: 'custom',
        path: [opens === null ? 'registration_opens' : 'registration_closes'],
        message: 'is missing: give both registration dates, or neither while the calendar is not published',
      });
    if (opens !== null && closes !== null && closes < opens)
      ctx.addIssue({ code: 'custom', path: ['registration_closes'], message: 'is before registration_opens' });
    if (opens === null && !process.announcement)
      ctx.addIssue({
        code: 'custom',
        path: ['announcement'],
        message: 'is required while the dates are not published (say what the report announced and its month)',
      });
    if (opens === null && process.has_registration_data)
      ctx.addIssue({
        code: 'custom',
        path: ['has_registration_data'],
        message: 'cannot be true for a process without registration dates',
      });
    for (const field of process.tentative_dates)
      if (process[field] === null)
        ctx.addIssue({ code: 'custom', path: ['tentative_dates'], message: `names '${field}', which has no date` });
    process.date_changes.forEach((change, index) => {
      if (process[change.date] === null)
        ctx.addIssue({
          code: 'custom',
          path: ['date_changes', index, 'date'],
          message: `'${change.date}' has no date`,
        });
    });
    const backed = new Set(process.sources.flatMap((source) => source.dates));
    for (const field of PROCESS_DATES) {
      if (process[field] !== null && !backed.has(field))
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `has no source: add '${field}' to the 'dates' of the source (report and section, or outside source) that gives it`,
        });
    }
  });

/** A parsed process definition. */
export type ProcessData = z.output<typeof processSchema>;

/** A parsed guide's front matter. */
export type GuideData = z.output<typeof guideSchema>;

/** A parsed event's front matter. */
export type EventData = z.output<typeof eventSchema>;

/** A parsed glossary entry. */
export type GlossaryEntry = z.output<typeof glossaryEntrySchema>;
