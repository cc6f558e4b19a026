import type { View } from '../../domain/views.ts';
import { publicationCode } from '../../publications/code.ts';
import type { NewPublication } from '../../publications/store.ts';
import type { DashboardModel } from './model.ts';
import { viewRows } from './view-tables.ts';

/**
 * What a view publishes (an embed, or its CSV): the rows of its CSV with the filters they are of. The same view
 * of the same figures in the same language gives one code, whether it was framed or downloaded.
 */
export async function viewPublication(
  model: DashboardModel,
  view: View,
  kind: 'embed' | 'csv',
  path: string,
): Promise<NewPublication> {
  const { process, query, cut } = model;
  const figures = {
    view,
    scope: query.scope,
    entity: query.entity ?? null,
    country: query.country ?? null,
    rows: viewRows(model, view),
  };
  const version = cut ? `cut-${cut.date}` : `v${process.data_version}`;
  return {
    code: await publicationCode({ process: process.slug, version, figures }),
    kind,
    process: process.slug,
    version,
    as_of: model.summary.as_of,
    figures,
    render: { path, lang: model.lang },
  };
}

/** The CSV's first line, as the contract writes it: the code and the link that shows it. */
export function csvCodeLine(code: string, origin: string): string {
  return `# verificación / verification: ${code} ${origin}/v/${code}\r\n`;
}
