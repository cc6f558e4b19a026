import type { CutRecord } from '../processes/cut-store.ts';
import type { ProcessRecord } from '../processes/store.ts';
import { type Html, html } from '../shared/html.ts';
import { fill, formatters, type Lang, useTranslations } from '../shared/i18n.ts';

// Atom (RFC 4287) feeds announcing each cut: feed readers, Zapier-style automations and newsrooms learn of a new
// fortnightly cut without polling the API. `html` escapes every value, which is also what XML needs.

/** A cut with the process it belongs to. */
export interface FeedCut {
  process: ProcessRecord;
  cut: CutRecord;
}

function entry(origin: string, lang: Lang, { process, cut }: FeedCut): Html {
  const t = useTranslations(lang);
  const fmt = formatters(lang);
  const api = `${origin}/api/v1/registrations/${process.slug}`;
  const report = (l: Lang) => `${origin}/${l}/dashboard/cortes/${process.slug}/${cut.date}/`;
  const other: Lang = lang === 'es' ? 'en' : 'es';
  const title = `${process.name[lang]}: ${fill(t('dash.cuts.report'), { date: fmt.date(cut.date) })}`;
  const totals = `${fmt.number(cut.total)} ${t('dash.total.received')} · ${fmt.number(cut.cumple)} ${t('dash.total.cumple')}`;
  const asOf = cut.as_of ? ` · ${t('dash.asOf')} ${fmt.dateTime(cut.as_of)}` : '';
  return html`<entry>
<id>${report('es')}</id>
<title>${title}</title>
<published>${cut.taken_at}</published>
<updated>${cut.taken_at}</updated>
<link rel="alternate" type="text/html" hreflang="${lang}" href="${report(lang)}"/>
<link rel="alternate" type="text/html" hreflang="${other}" href="${report(other)}"/>
<link rel="enclosure" type="application/zip" title="${t('dash.cuts.package')}" href="${api}/cuts/${cut.date}.zip"/>
<link rel="related" type="text/csv" title="countries.csv" href="${api}/countries.csv?cut=${cut.date}"/>
<link rel="describedby" type="application/json" title="datapackage.json" href="${api}/datapackage.json?cut=${cut.date}"/>
<category term="${process.slug}" label="${process.name[lang]}"/>
<summary>${totals}${asOf}</summary>
</entry>`;
}

/** The feed of the given cuts, newest first; `self` is its own URL, `alternate` the page it stands for. */
export function cutsFeed(input: {
  origin: string;
  lang: Lang;
  self: string;
  alternate: string;
  title: string;
  cuts: FeedCut[];
  /** When nothing has been cut yet: the feed's own last change (the process's). */
  updatedFallback: string;
}): string {
  const { origin, lang, cuts } = input;
  const sorted = [...cuts].sort((a, b) => b.cut.taken_at.localeCompare(a.cut.taken_at));
  const updated = sorted[0]?.cut.taken_at ?? input.updatedFallback;
  return `<?xml version="1.0" encoding="utf-8"?>\n${html`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
<id>${input.self}</id>
<title>${input.title}</title>
<updated>${updated}</updated>
<author><name>Voto Extranjero</name><uri>${origin}/${lang}/</uri></author>
<link rel="self" type="application/atom+xml" href="${input.self}"/>
<link rel="alternate" type="text/html" href="${input.alternate}"/>
${sorted.map((one) => entry(origin, lang, one))}
</feed>`}\n`;
}
