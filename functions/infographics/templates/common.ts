import { countryName } from '../../domain/countries.ts';
import { type EntityCode, entityName } from '../../domain/entities.ts';
import type { DashboardModel } from '../../registrations/dashboard/model.ts';
import { fill, type Lang, type UiKey, useTranslations } from '../../shared/i18n.ts';
import { sha256Hex } from '../../shared/read-body.ts';
import { type FigureFilters, type Figures, imageProcess, loadFigures, windowKey } from '../figures.ts';
import type { ImageContext, Prepared } from './types.ts';

/** A UI string of `lang` with its `{placeholders}` filled. */
export function say(lang: Lang, key: UiKey, values: Record<string, string | number> = {}): string {
  return fill(useTranslations(lang)(key), values);
}

/** "People from Jalisco living in Canada", or null without filters. */
export function filterLabel(model: DashboardModel): string | null {
  const { entity, country } = model.query;
  const lang = model.lang;
  const values = {
    entity: entity ? entityName(entity as EntityCode, lang) : '',
    country: country ? countryName(country, lang) : '',
  };
  if (entity && country) return say(lang, 'img.filter.both', values);
  if (entity) return say(lang, 'img.filter.entity', values);
  if (country) return say(lang, 'img.filter.country', values);
  return null;
}

/** "Source: INE. Figures as of 30 November 2020." */
export function sourceLine(model: DashboardModel): string {
  const asOf = model.summary.as_of;
  return asOf
    ? say(model.lang, 'img.source', { date: model.fmt.date(asOf.slice(0, 10)) })
    : say(model.lang, 'img.source.none');
}

/** The band's kicker: the process name. */
export function kicker(model: DashboardModel): string {
  return model.process.name[model.lang];
}

/** Joins sentences for alt text, each ending in one full stop. */
export function sentences(parts: (string | null | undefined)[]): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .map((part) => part.trim().replace(/[.:]$/, ''))
    .join('. ')
    .concat('.');
}

/**
 * The prepare step of every figures template: the process (memoised version, no D1 read on a warm isolate), the
 * version its image depends on, and the loader of the figures.
 */
export async function prepareFigures(
  ctx: ImageContext,
  params: FigureFilters & { process?: string },
  dependsOnToday: boolean,
): Promise<Prepared<Figures>> {
  const chosen = await imageProcess(ctx, params.process, params);
  const { process, cut } = chosen;
  // A cut is drawn as on its own day, so its image never changes.
  const today = cut?.date ?? ctx.today;
  const day = dependsOnToday && !cut ? `.${windowKey(process, today)}` : '';
  return {
    version: cut ? `${process.slug}.cut-${cut.date}` : `${process.slug}.v${process.data_version}${day}`,
    rowsRead: 0,
    publishedAs: { process: process.slug, version: cut ? `cut-${cut.date}` : `v${process.data_version}` },
    frozen: cut !== null,
    private: chosen.private,
    load: async () => {
      const { figures, rowsRead } = await loadFigures(ctx.db, chosen, params, today);
      return { model: figures, rowsRead, asOf: figures.models.es.summary.as_of };
    },
  };
}

/** A short content hash for versions of images that depend on text rather than on a data version. */
export async function shortHash(value: string): Promise<string> {
  return (await sha256Hex(new TextEncoder().encode(value))).slice(0, 12);
}
