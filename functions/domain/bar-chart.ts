// The bar chart that doubles as a table, shared by the Worker's dashboard and the staff page's outreach report:
// each row's bar sits under its label, so on a phone the label wraps and the bar narrows with it while the
// figures stay in view. Styled by /embed/dashboard.css (`.bars`, `.bar`).
import { html } from 'hono/html';

/** The length of each bar: its count against the largest, so the leader fills its bar and the rest compare to it. */
export function barScale(counts: readonly number[]): (count: number) => string {
  const max = Math.max(1, ...counts);
  return (count) => (count / max).toFixed(3);
}

/** A row header of a bar table: the label with its bar under it. */
export function barLabel(label: string, length: string) {
  return html`${label}<span class="bar" style="--f:${length}"></span>`;
}
