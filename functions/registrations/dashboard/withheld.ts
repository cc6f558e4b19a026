import { type Html, html } from '../../shared/html.ts';
import { methodsPath } from '../../shared/i18n.ts';
import type { WithheldReason } from '../small-groups.ts';
import { type DashboardModel, withheldSentence } from './model.ts';

/** The "why withheld" sentence followed by its one link to the methods page (inline, for any HTML view). */
export function withheldWhy(model: DashboardModel, reason?: WithheldReason): Html {
  return html`${withheldSentence(model, reason)} <a href="${methodsPath(model.lang)}">${model.t('dash.withheld.more')}</a>`;
}
