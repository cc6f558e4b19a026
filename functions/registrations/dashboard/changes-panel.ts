import { countryName } from '../../domain/countries.ts';
import { type EntityCode, entityName } from '../../domain/entities.ts';
import { type Html, html } from '../../shared/html.ts';
import { fill, type Lang, type UiKey } from '../../shared/i18n.ts';
import type { CutChanges } from '../changes.ts';
import type { Change } from '../compare.ts';
import type { ChangeBreakdown } from '../small-groups.ts';
import type { DashboardModel } from './model.ts';
import { withheldWhy } from './withheld.ts';

/** The breakdowns the panel names its largest moves in, with their titles and how their codes read. */
export const PANEL_BREAKDOWNS: { field: ChangeBreakdown; title: UiKey; label: (code: string, lang: Lang) => string }[] =
  [
    { field: 'by_country', title: 'dash.countries', label: (code, lang) => countryName(code, lang) },
    { field: 'by_entity', title: 'dash.entities', label: (code, lang) => entityName(code as EntityCode, lang) },
    { field: 'by_modality', title: 'dash.modality', label: (code) => `label.modality.${code}` },
    { field: 'by_status', title: 'dash.status', label: (code) => `label.status.${code}` },
  ];

/** How many moves per breakdown the panel names. */
const LARGEST = 3;

/** A signed count: "+1,234", "−56", "0". */
export function signed(model: DashboardModel, value: number): string {
  return value > 0 ? `+${model.fmt.number(value)}` : value < 0 ? `−${model.fmt.number(-value)}` : '0';
}

/** The label of one code of a breakdown, in the reader's language. */
export function changeLabel(model: DashboardModel, field: ChangeBreakdown, code: string): string {
  const spec = PANEL_BREAKDOWNS.find((b) => b.field === field);
  const label = spec ? spec.label(code, model.lang) : code;
  return label.startsWith('label.') ? model.t(label as UiKey) : label;
}

/** The total's move in one sentence ("From the cut of … to that of …, applications went from … to … (+…)"). */
export function totalSentence(model: DashboardModel, changes: CutChanges): string {
  const { fmt, t } = model;
  const values = {
    from: changes.from ? fmt.date(changes.from) : '',
    to: changes.to ? fmt.date(changes.to) : '',
    before: fmt.number(changes.total.before),
    after: fmt.number(changes.total.after),
    change: signed(model, changes.total.change),
  };
  if (!changes.from) return fill(t('dash.changes.first'), values);
  // "went from 3,641 to 3,641 (0)" is no sentence: an unchanged total says so.
  if (changes.total.change === 0)
    return fill(t(changes.to ? 'dash.changes.unchanged' : 'dash.changes.unchangedSince'), values);
  return fill(t(changes.to ? 'dash.changes.total' : 'dash.changes.since'), values);
}

/** The largest moves of one breakdown (those that moved), or null when it is withheld. */
export function largestMoves(changes: CutChanges, field: ChangeBreakdown, limit = LARGEST): Change[] | null {
  const moves = changes[field];
  return moves ? moves.filter((m) => m.change !== 0).slice(0, limit) : null;
}

/**
 * The "since the last cut" panel: the total's move in words, then the largest moves by country, state, modality
 * and review status, each in words and numbers. Breakdowns withheld by the small-group rule say why.
 */
export function changesPanel(model: DashboardModel, changes: CutChanges | null): Html {
  const { t } = model;
  if (!changes) return html`<p class="empty">${t('dash.changes.noCut')}</p>`;
  const items = PANEL_BREAKDOWNS.map(({ field, title }) => {
    const moves = largestMoves(changes, field);
    const body = !moves
      ? withheldWhy(model, changes.suppressed?.reason)
      : moves.length === 0
        ? t('dash.changes.none')
        : moves
            .map((m) =>
              fill(t('dash.changes.move'), {
                label: changeLabel(model, field, m.code),
                change: signed(model, m.change),
                before: model.fmt.number(m.before),
                after: model.fmt.number(m.after),
              }),
            )
            .join('; ');
    return html`<li><strong>${t(title)}</strong>: ${body}</li>`;
  });
  return html`<div class="changes"><p class="changes-total">${totalSentence(model, changes)}</p>
${changes.from ? html`<h3>${t('dash.changes.largest')}</h3><ul class="changes-list">${items}</ul>` : ''}</div>`;
}
