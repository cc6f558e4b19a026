import type { ApiError } from './errors.ts';
import { type Html, html } from './html.ts';

/** The items of a failed request: one per field for invalid parameters ("view: must be one of …"). */
function problemItems(error: ApiError): string[] {
  return error.details.map((detail) => {
    const { field, message } = (detail ?? {}) as { field?: unknown; message?: unknown };
    return typeof message === 'string' ? (field ? `${field}: ${message}` : message) : JSON.stringify(detail);
  });
}

/**
 * The one HTML rendering of a failed request, for every page the Worker writes (embeds, dashboard,
 * infographics): `invalid` leads a list of the fields at fault; any other error is its own sentence.
 */
export function problemsHtml(error: ApiError, invalid: string): Html {
  const items = error.code === 'validation_failed' ? problemItems(error) : [];
  const lead = items.length > 0 ? invalid : error.message;
  return html`<p>${lead}</p>${items.length > 0 && html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`}`;
}
