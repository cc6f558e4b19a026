import type { View } from '../../domain/views.ts';
import { toCsv } from '../../shared/csv.ts';
import type { UiKey } from '../../shared/i18n.ts';
import { withCumulative } from '../summary.ts';
import { changeLabel, PANEL_BREAKDOWNS, totalSentence } from './changes-panel.ts';
import { type Category, type DashboardModel, withheldText } from './model.ts';

/** A titled table of figures: what a view shows, as data (rendered as HTML, or exported as CSV). */
export interface FigureTable {
  id: string;
  title: string;
  categories: Category[];
  /** The small-group rule withheld this breakdown: show why instead of its figures. */
  withheld: boolean;
}

// States and countries stay exact for a small group; every other breakdown is withheld with it.
const EXACT_TABLES = new Set(['countries', 'entities']);

/** The breakdown tables each view shows, in order (the timeline has its own table). */
export function viewTables(model: DashboardModel, view: View): FigureTable[] {
  const table = (id: string, key: UiKey, categories: Category[]): FigureTable => ({
    id,
    title: model.t(key),
    categories,
    withheld: model.withheld && !EXACT_TABLES.has(id),
  });
  switch (view) {
    case 'summary':
      return [
        table('modality', 'dash.modality', model.modality),
        table('countries', 'dash.countries', model.countries.slice(0, 5)),
      ];
    case 'countries':
      return [table('countries', 'dash.countries', model.countries)];
    case 'entities':
      return [table('entities', 'dash.entities', model.entities)];
    case 'modality':
      return [
        table('modality', 'dash.modality', model.modality),
        table('channel', 'dash.channel', model.channel),
        table('credential', 'dash.credential', model.credential),
      ];
    case 'demographics':
      return [
        table('sex', 'dash.sex', model.sex),
        table('age', 'dash.age', model.age),
        table('status', 'dash.status', model.status),
      ];
    case 'timeline':
    case 'changes':
      return [];
  }
}

/** The figures of one view as CSV: exactly what the view shows, labels in the reader's language. */
export function viewCsv(model: DashboardModel, view: View): string {
  return toCsv(viewRows(model, view));
}

/** The rows of a view's CSV (header first): the figures a view publishes, the small-group rule applied. */
export function viewRows(model: DashboardModel, view: View): (string | number)[][] {
  const rows: (string | number)[][] = [];
  if (view === 'changes') {
    rows.push(['table', 'code', 'label', 'before', 'after', 'change']);
    const changes = model.changes;
    if (changes) {
      const { before, after, change } = changes.total;
      rows.push(['total', '', totalSentence(model, changes), before, after, change]);
      for (const { field } of PANEL_BREAKDOWNS) {
        const moves = changes[field];
        const id = field.replace(/^by_/, '');
        if (!moves) rows.push([id, '', withheldText(model, changes.suppressed?.reason), '', '', '']);
        for (const m of moves ?? [])
          rows.push([id, m.code, changeLabel(model, field, m.code), m.before, m.after, m.change]);
      }
    } else rows.push(['note', '', model.t('dash.changes.noCut'), '', '', '']);
  } else if (view === 'timeline' && !model.summary.daily) {
    rows.push(['note'], [withheldText(model)]);
  } else if (view === 'timeline') {
    // A modelled series says so on its first row, in a column of its own, so the figures stay machine-readable.
    const note = model.process.illustrative?.includes('daily') ? model.t('dash.illustrative.daily') : null;
    rows.push(['date', 'daily', 'cumulative', ...(note ? ['note'] : [])]);
    for (const [i, day] of withCumulative(model.summary.daily ?? []).entries())
      rows.push([day.date, day.count, day.cumulative, ...(note ? [i === 0 ? note : ''] : [])]);
  } else {
    rows.push(['table', 'code', 'label', 'count', 'share']);
    rows.push([
      'total',
      '',
      model.t(model.query.scope === 'cumple' ? 'dash.total.cumple' : 'dash.total.received'),
      model.summary.total,
      1,
    ]);
    for (const figures of viewTables(model, view)) {
      if (figures.withheld) rows.push([figures.id, '', withheldText(model), '', '']);
      for (const c of figures.categories) rows.push([figures.id, c.key, c.label, c.count, Number(c.share.toFixed(4))]);
    }
  }
  return rows;
}
