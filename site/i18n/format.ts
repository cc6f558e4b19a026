import { type Lang, LOCALES } from './locales.ts';

/** Fills `{name}` placeholders of a UI string. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Number, percent and date formatting in the reader's language (es-MX or en). */
export function formatters(lang: Lang) {
  const locale = LOCALES[lang].htmlLang;
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const shortDate = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  return {
    number: (value: number) => number.format(value),
    // A share too small to show at one decimal reads "<0.1%", never a misleading "0%".
    percent: (value: number) => (value > 0 && value < 0.0005 ? `<${percent.format(0.001)}` : percent.format(value)),
    /** A YYYY-MM-DD date, spelled out. */
    date: (iso: string) => date.format(new Date(`${iso}T00:00:00Z`)),
    /** A YYYY-MM month, spelled out ("diciembre de 2024"). */
    month: (iso: string) => month.format(new Date(`${iso}-01T00:00:00Z`)),
    shortDate: (iso: string) => shortDate.format(new Date(`${iso}T00:00:00Z`)),
    /** An ISO timestamp, in UTC (said so, since readers live in every time zone). */
    dateTime: (iso: string) => `${dateTime.format(new Date(iso))} UTC`,
  };
}

/** Formatters for one language. */
export type Formatters = ReturnType<typeof formatters>;
