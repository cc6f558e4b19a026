import { html as honoHtml, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** Markup made by `html` (or trusted markup passed through `raw`): it nests without being escaped again. */
export type Html = HtmlEscapedString;

/**
 * The one way the Worker writes HTML and SVG: every interpolated value is escaped unless it is itself `Html`;
 * arrays are joined, and `null`, `undefined` and `false` print nothing (so `${cond && html`…`}` works).
 * Hono's helper returns a promise only when given one; nothing here passes promises, hence the narrower type.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return honoHtml(strings, ...values) as Html;
}

/** Markup that is already safe (a stylesheet of ours, a sanitised SVG path): inserted as it is. */
export const trusted: (markup: string) => Html = (markup) => raw(markup);
