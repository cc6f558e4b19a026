import { z } from 'zod';
import { paramSpecs } from '../../domain/infographics.ts';
import { listCuts } from '../../processes/cut-store.ts';
import { type CutChanges, readCutChanges } from '../../registrations/changes.ts';
import { changeLabel, largestMoves, signed, totalSentence } from '../../registrations/dashboard/changes-panel.ts';
import { FIGURE_FILTERS } from '../../registrations/figure-query.ts';
import { ApiError } from '../../shared/errors.ts';
import type { Lang } from '../../shared/i18n.ts';
import type { Scale } from '../brand.ts';
import type { Figures } from '../figures.ts';
import { imageProcess, loadFigures } from '../figures.ts';
import { bars, hero, line, listCard } from '../layout.ts';
import { commonParams, processParams } from '../params.ts';
import { kicker, say, sentences, sourceLine } from './common.ts';
import { defineTemplate } from './types.ts';

/** A cut's figures and what changed since the cut before it. */
interface CutChangesModel {
  figures: Figures;
  changes: CutChanges;
}

function content(model: CutChangesModel, lang: Lang, bars: number) {
  const dash = model.figures.models[lang];
  const moves = largestMoves(model.changes, 'by_country', bars) ?? [];
  const max = Math.max(1, ...moves.map((m) => Math.abs(m.change)));
  return {
    kicker: kicker(dash),
    title: say(lang, 'img.template.cut-changes'),
    change: signed(dash, model.changes.total.change),
    sentence: totalSentence(dash, model.changes),
    heading: `${dash.t('dash.changes.largest')}: ${dash.t('dash.countries')}`,
    rows: moves.map((m) => ({
      label: changeLabel(dash, 'by_country', m.code),
      value: `${signed(dash, m.change)} (${dash.fmt.number(m.before)} › ${dash.fmt.number(m.after)})`,
      fraction: Math.abs(m.change) / max,
    })),
    withheld: model.changes.by_country === null,
    source: sourceLine(dash),
  };
}

/**
 * How many country moves fit under the figure and its sentence: none on a link card, up to five on a story (the
 * rankings' count less the room the figure and sentence take).
 */
function movesShown(s: Scale): number {
  return Math.min(5, Math.max(0, s.bars - 4));
}

/** What changed between a cut (the latest when none is named) and the one before it: the total and countries. */
export const cutChanges = defineTemplate({
  id: 'cut-changes',
  params: paramSpecs('cut-changes'),
  schema: z.strictObject({ ...commonParams, ...processParams, scope: FIGURE_FILTERS.scope, cut: FIGURE_FILTERS.cut }),
  prepare: async (ctx, params) => {
    const first = await imageProcess(ctx, params.process);
    const date = params.cut ?? (await listCuts(ctx.db, first.process.slug))[0]?.date;
    if (!date) throw new ApiError('not_found', `The process '${first.process.slug}' has no cuts yet.`);
    const chosen = await imageProcess(ctx, first.process.slug, { scope: params.scope, cut: date });
    const cut = chosen.cut;
    if (!cut) throw new ApiError('not_found', `There is no cut of ${date}.`);
    return {
      // Named by the cut, the image never changes; without `cut=` it follows the latest (the data version moves).
      version: params.cut
        ? `${first.process.slug}.cut-${cut.date}`
        : `${first.process.slug}.v${first.process.data_version}.cut-${cut.date}`,
      rowsRead: 0,
      publishedAs: { process: first.process.slug, version: `cut-${cut.date}` },
      frozen: Boolean(params.cut),
      private: chosen.private,
      load: async () => {
        const filters = { scope: params.scope, cut: cut.date };
        const { figures, rowsRead } = await loadFigures(ctx.db, chosen, filters, cut.date);
        const none = { entity: null, country: null };
        const changes = await readCutChanges(ctx.db, first.process, cut, params.scope, none);
        return {
          model: { figures, changes: changes.value },
          rowsRead: rowsRead + changes.rowsRead,
          asOf: figures.models.es.summary.as_of,
        };
      },
    };
  },
  langOf: (_model: CutChangesModel, params) => params.lang,
  draw: (model, lang, s, verification) => {
    const c = content(model, lang, movesShown(s));
    return listCard(
      s,
      { ...c, verification },
      hero(s, c.change),
      line(s, c.sentence, true),
      c.rows.length ? line(s, c.heading, false, { space: s.gap }) : null,
      c.rows.length ? bars(s, c.rows, { marginTop: s.gap * 0.5 }) : null,
    );
  },
  alt: (model, lang, s) => {
    const c = content(model, lang, movesShown(s));
    const list = c.rows.map((r) => `${r.label}: ${r.value}`).join('; ');
    return sentences([c.title, c.kicker, c.sentence, list ? `${c.heading}: ${list}` : null, c.source]);
  },
});
