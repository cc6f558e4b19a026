import { strToU8, zipSync } from 'fflate';
import { countryName } from '../domain/countries.ts';
import { type SigningKey, signPackageFiles } from '../domain/signed-files/index.ts';
import type { CutRecord } from '../processes/cut-store.ts';
import type { ProcessRecord } from '../processes/store.ts';
import { publicationCode } from '../publications/code.ts';
import type { NewPublication } from '../publications/store.ts';
import { buildModel, type Category, type DashboardModel } from '../registrations/dashboard/model.ts';
import type { Summary } from '../registrations/summary.ts';
import { toCsv } from '../shared/csv.ts';
import { formatters, LANGS, type Lang } from '../shared/i18n.ts';
import { sha256Hex } from '../shared/read-body.ts';
import { dataPackage, zipResource } from './datapackage.ts';

/** The licence the data package is published under (the figures themselves are INE's public records). */
export const PACKAGE_LICENCE = 'CC-BY-4.0';

/**
 * "INE, registro para votar desde el extranjero, corte al 15 de noviembre de 2022, consultado el …": with the day
 * of access when known (a page), else a blank for the reader to fill (the package is the same bytes for everyone).
 */
export function howToCite(cut: string, accessed: string | null): Record<Lang, string> {
  const es = formatters('es');
  const en = formatters('en');
  return {
    es: `INE, registro para votar desde el extranjero, corte al ${es.date(cut)}, consultado el ${accessed ? es.date(accessed) : '[fecha de consulta]'}.`,
    en: `INE, registration to vote from abroad, cut of ${en.date(cut)}, accessed ${accessed ? en.date(accessed) : '[date of access]'}.`,
  };
}

type Tables = Record<string, (string | number)[][]>;

/** The tables the fortnightly reports carry (and the rest of the summary), one CSV each, codes and both labels. */
function tables(models: Record<Lang, DashboardModel>, byState: CountryRow[], process: ProcessRecord): Tables {
  const labelled = (pick: (m: DashboardModel) => Category[]) => {
    const rows: (string | number)[][] = [['code', ...LANGS.map((lang) => `label_${lang}`), 'count']];
    const [first] = LANGS;
    for (const category of pick(models[first ?? 'es']))
      rows.push([
        category.key,
        ...LANGS.map((lang) => pick(models[lang]).find((c) => c.key === category.key)?.label ?? ''),
        category.count,
      ]);
    return rows;
  };
  const daily = [['date', 'count', ...(process.illustrative.includes('daily') ? ['illustrative'] : [])]];
  for (const day of models.es.summary.daily ?? [])
    daily.push([day.date, String(day.count), ...(process.illustrative.includes('daily') ? ['true'] : [])]);
  return {
    'modality.csv': labelled((m) => m.modality),
    'credential.csv': labelled((m) => m.credential),
    'country.csv': labelled((m) => m.countries),
    'sex.csv': labelled((m) => m.sex),
    'channel.csv': labelled((m) => m.channel),
    'status.csv': labelled((m) => m.status),
    'entity.csv': labelled((m) => m.entities),
    'age_band.csv': labelled((m) => m.age),
    'daily.csv': daily,
    'country_by_state.csv': [
      ['country', ...LANGS.map((lang) => `country_name_${lang}`), 'total', ...process.entities],
      ...byState.map((row) => [
        row.country,
        ...LANGS.map((lang) => countryName(row.country, lang)),
        row.total,
        ...process.entities.map((e) => row.entities[e] ?? 0),
      ]),
    ],
  };
}

/** One row of the country by state table. */
export interface CountryRow {
  country: string;
  total: number;
  entities: Record<string, number>;
}

function readme(process: ProcessRecord, cut: CutRecord, files: string[], cite: Record<Lang, string>): string {
  const es = formatters('es');
  const en = formatters('en');
  const daily = process.illustrative.includes('daily');
  return [
    `# ${process.name.es} — corte al ${es.date(cut.date)}`,
    '',
    `Cifras del registro para votar desde el extranjero tal como estaban al final del ${es.date(cut.date)} (hora de la Ciudad de México). Describen el ${cut.as_of ? es.date(cut.as_of.slice(0, 10)) : es.date(cut.date)}; el corte se tomó el ${cut.taken_at} (UTC) y no cambia nunca.`,
    '',
    `Solicitudes recibidas: ${es.number(cut.total)}; cumplen requisitos: ${es.number(cut.cumple)}. Cada archivo CSV es una tabla (código, etiqueta en español y en inglés, número de solicitudes); \`metadata.json\` trae la huella SHA-256 de cada uno.`,
    ...(daily ? ['', 'Distribución por día ilustrativa: los informes publican totales.'] : []),
    '',
    `Cómo citar: ${cite.es}`,
    '',
    `Licencia: ${PACKAGE_LICENCE}. Grupos de menos de 10 solicitudes no se desglosan.`,
    '',
    `# ${process.name.en} — cut of ${en.date(cut.date)}`,
    '',
    `Registration to vote from abroad as it stood at the end of ${en.date(cut.date)} (Mexico City time). The figures describe ${cut.as_of ? en.date(cut.as_of.slice(0, 10)) : en.date(cut.date)}; the cut was taken at ${cut.taken_at} (UTC) and never changes.`,
    '',
    `Applications received: ${en.number(cut.total)}; meeting requirements: ${en.number(cut.cumple)}. Each CSV file is one table (code, Spanish and English label, number of applications); \`metadata.json\` has the SHA-256 of each.`,
    ...(daily ? ['', 'Day-by-day distribution is illustrative: the reports publish totals.'] : []),
    '',
    `How to cite: ${cite.en}`,
    '',
    `Licence: ${PACKAGE_LICENCE}. Groups of fewer than 10 applications are not broken down.`,
    '',
    '## Archivos / Files',
    '',
    ...files.map((file) => `- \`${file}\``),
    '',
  ].join('\n');
}

/**
 * The data package of a cut (`…/cuts/{date}.zip`): one CSV per table of the received applications, a
 * `metadata.json` (process, cut, taken_at, as_of, scope, licence, how to cite, each CSV's SHA-256) and a
 * bilingual README.md.
 */
export async function cutPackage(input: {
  process: ProcessRecord;
  processes: ProcessRecord[];
  cut: CutRecord;
  summary: Summary;
  byState: CountryRow[];
  /** The site's origin, for the links to the cut's reports in `datapackage.json`. */
  origin: string;
  /** Signs the package (`signature.json`); null leaves it unsigned (benchmarks). */
  signer: SigningKey | null;
}): Promise<{ zip: Uint8Array; publication: NewPublication }> {
  const { process, cut, summary } = input;
  const models = Object.fromEntries(
    LANGS.map((lang) => [
      lang,
      buildModel({
        lang,
        query: { process: process.slug, lang, scope: 'received', view: 'summary', theme: 'auto', cut: cut.date },
        process,
        processes: input.processes,
        summary,
        pace: null,
        today: cut.date,
        cut,
      }),
    ]),
  ) as Record<Lang, DashboardModel>;
  const csvs = Object.entries(tables(models, input.byState, process)).map(
    ([name, rows]) => [name, strToU8(toCsv(rows))] as const,
  );
  const cite = howToCite(cut.date, null);
  const hashes = await Promise.all(csvs.map(async ([, bytes]) => sha256Hex(bytes)));
  // What the package publishes: every table, by its checksum, with the cut's totals.
  const figures = {
    total: cut.total,
    cumple: cut.cumple,
    files: csvs.map(([name], i) => ({ name, sha256: hashes[i] ?? '' })),
  };
  const version = `cut-${cut.date}`;
  const code = await publicationCode({ process: process.slug, version, figures });
  const verification = { code, url: `${input.origin}/v/${code}` };
  const metadata = {
    process: { slug: process.slug, name: process.name },
    cut: cut.date,
    taken_at: cut.taken_at,
    as_of: cut.as_of,
    scope: 'received',
    total: cut.total,
    cumple: cut.cumple,
    licence: PACKAGE_LICENCE,
    source: { es: models.es.t('dash.source'), en: models.en.t('dash.source') },
    how_to_cite: cite,
    illustrative: process.illustrative,
    suppressed: summary.suppressed ?? null,
    files: csvs.map(([name], i) => ({ name, sha256: hashes[i] ?? '' })),
    verification,
  };
  const descriptor = dataPackage({
    process,
    cut,
    origin: input.origin,
    resources: csvs.map(([name, bytes], i) => zipResource(name, process, bytes.length, hashes[i] ?? '')),
  });
  const files: Record<string, Uint8Array> = Object.fromEntries(csvs);
  files['metadata.json'] = strToU8(`${JSON.stringify(metadata, null, 2)}\n`);
  files['datapackage.json'] = strToU8(`${JSON.stringify({ ...descriptor, verification }, null, 2)}\n`);
  files['README.md'] = strToU8(
    `${readme(process, cut, [...csvs.map(([name]) => name), 'datapackage.json'], cite)}\n## Verificación / Verification\n\nCódigo / code: ${code} (${verification.url}). \`signature.json\` firma / signs every other file: \`npm run -s verify -- FILE.zip\`.\n`,
  );
  const signed = input.signer ? await signPackageFiles(files, { code, signer: input.signer }) : files;
  // Fixed timestamps: the same cut always gives byte-identical packages (one ETag, one immutable answer).
  const mtime = new Date(`${cut.date}T12:00:00Z`);
  const zip = zipSync(Object.fromEntries(Object.entries(signed).map(([name, bytes]) => [name, [bytes, { mtime }]])));
  const publication: NewPublication = {
    code,
    kind: 'package',
    process: process.slug,
    version,
    as_of: cut.as_of,
    figures,
    render: { path: `/api/v1/registrations/${process.slug}/cuts/${cut.date}.zip` },
  };
  return { zip, publication };
}
