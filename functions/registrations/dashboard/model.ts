import { countryName } from '../../domain/countries.ts';
import { daysBetween } from '../../domain/dates.ts';
import { type EntityCode, entityName } from '../../domain/entities.ts';
import type { CutRecord } from '../../processes/cut-store.ts';
import type { ProcessRecord } from '../../processes/store.ts';
import {
  type Formatters,
  fill,
  formatters,
  type Lang,
  methodsPath,
  type UiKey,
  useTranslations,
} from '../../shared/i18n.ts';
import { rankEntries } from '../../shared/ordered-json.ts';
import type { CutChanges } from '../changes.ts';
import { MIN_GROUP, type WithheldReason } from '../small-groups.ts';
import type { Summary } from '../summary.ts';
import type { DashboardQuery } from './params.ts';

/** One labelled figure of a breakdown. */
export interface Category {
  key: string;
  label: string;
  count: number;
  share: number;
}

/** Where the registration window stands at the figures' reference date. */
export interface WindowState {
  state: 'upcoming' | 'open' | 'closed';
  day: number;
  days: number;
  left: number;
  reference: string;
}

/** An earlier process's count at the same day of its window. */
export interface Pace {
  previous: ProcessRecord;
  day: number;
  count: number;
}

/** Everything a dashboard view renders, in the reader's language. */
export interface DashboardModel {
  lang: Lang;
  t: (key: UiKey) => string;
  fmt: Formatters;
  query: DashboardQuery;
  process: ProcessRecord;
  processes: ProcessRecord[];
  summary: Summary;
  /** True when the small-group rule withheld the breakdowns (see `summary.suppressed`). */
  withheld: boolean;
  window: WindowState;
  pace: Pace | null;
  /** The cut shown, or null for the live figures. */
  cut: CutRecord | null;
  /** What changed since the last cut (undefined when the view does not show it, null before the first cut). */
  changes?: CutChanges | null;
  countries: Category[];
  entities: Category[];
  modality: Category[];
  channel: Category[];
  credential: Category[];
  sex: Category[];
  age: Category[];
  status: Category[];
}

/**
 * The day of the window the figures describe: today while the window is open; for a closed window or
 * figures that stop earlier (a published report's cut-off), the last day with applications.
 */
export function windowState(process: ProcessRecord, summary: Summary, today: string): WindowState {
  const days = daysBetween(process.registration_opens, process.registration_closes) + 1;
  const lastData = summary.daily?.at(-1)?.date;
  const live = today >= process.registration_opens && today <= process.registration_closes;
  const reference = live
    ? today
    : (lastData ?? (today < process.registration_opens ? today : process.registration_closes));
  const day = Math.min(days, Math.max(0, daysBetween(process.registration_opens, reference) + 1));
  const state = today < process.registration_opens ? 'upcoming' : live ? 'open' : 'closed';
  return { state, day, days, left: Math.max(0, days - day), reference };
}

function categories(
  counts: Record<string, number> | null,
  label: (key: string) => string,
  total: number,
  ranked = false,
): Category[] {
  // A withheld breakdown (a small group) has no categories: the views say why instead.
  if (!counts) return [];
  const entries = ranked ? rankEntries(counts) : Object.entries(counts);
  return entries.map(([key, count]) => ({ key, label: label(key), count, share: total > 0 ? count / total : 0 }));
}

/** Builds the view model from a summary. */
export function buildModel(input: {
  lang: Lang;
  query: DashboardQuery;
  process: ProcessRecord;
  processes: ProcessRecord[];
  summary: Summary;
  pace: Pace | null;
  today: string;
  cut?: CutRecord | null;
  changes?: CutChanges | null;
}): DashboardModel {
  const { lang, summary } = input;
  const t = useTranslations(lang);
  const total = summary.total;
  const labelled = (prefix: string) => (key: string) => t(`label.${prefix}.${key}` as UiKey);
  return {
    ...input,
    cut: input.cut ?? null,
    t,
    fmt: formatters(lang),
    withheld: Boolean(summary.suppressed),
    window: windowState(input.process, summary, input.today),
    countries: categories(summary.by_country, (code) => countryName(code, lang), total, true),
    entities: categories(summary.by_entity, (code) => entityName(code as EntityCode, lang), total, true),
    modality: categories(summary.by_modality, labelled('modality'), total).filter(
      (c) => c.count > 0 || input.process.modalities.includes(c.key as never),
    ),
    channel: categories(summary.by_channel, labelled('channel'), total),
    credential: categories(summary.by_credential, labelled('credential'), total),
    sex: categories(summary.by_sex, labelled('sex'), total),
    age: categories(summary.by_age_band, (band) => fill(t('label.age.years'), { band }), total),
    status: categories(summary.by_status, labelled('status'), total),
  };
}

/**
 * The sentence that says why a breakdown is not shown, in the reader's language: the reason given (a comparison's
 * own), else the summary's, else `small`.
 */
export function withheldSentence(model: DashboardModel, reason?: WithheldReason): string {
  const why = reason ?? model.summary.suppressed?.reason ?? 'small';
  return fill(model.t(`dash.withheld.${why}`), { min: MIN_GROUP });
}

/** The same sentence for plain text (CSVs, image descriptions): followed by where the methods page is. */
export function withheldText(model: DashboardModel, reason?: WithheldReason): string {
  return `${withheldSentence(model, reason)} ${model.t('dash.withheld.more')}: ${methodsPath(model.lang)}`;
}
