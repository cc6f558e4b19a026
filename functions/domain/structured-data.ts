// schema.org structured data (JSON-LD) both sides publish: the site's pages and the Worker's cut reports describe
// the registration figures as one Dataset shape, and serialise it the one safe way.
import type {
  DataDownload,
  Dataset,
  GovernmentOrganization,
  Graph,
  IdReference,
  Organization,
  Thing,
  WithContext,
} from 'schema-dts';
import { VIEWS } from './views.ts';

/** INE, which runs the registration and whose records the figures are. */
export const INE: GovernmentOrganization = {
  '@type': 'GovernmentOrganization',
  name: 'Instituto Nacional Electoral (INE)',
  alternateName: 'INE',
  url: 'https://ine.mx',
};

/** The licence the figures are published under (CC BY 4.0, as the cut packages say). */
export const FIGURES_LICENSE_URL = 'https://creativecommons.org/licenses/by/4.0/';

/** What a registrations Dataset needs to say about one process, live or at one cut. */
export interface RegistrationsDatasetInput {
  /** The process slug, as in the API paths. */
  process: string;
  name: string;
  /** 50 characters at least: search engines skip shorter dataset descriptions. */
  description: string;
  lang: string;
  /** The page that shows the figures (the dashboard or the cut report), absolute. */
  url: string;
  /** The site's origin, for the download addresses. */
  origin: string;
  /** First and last day the figures cover (YYYY-MM-DD); the last is the cut's date for a cut. */
  from: string;
  to: string;
  /** The cut's date for a frozen copy; absent for the live figures. */
  cut?: string;
  /** Who publishes the page (the site), as an Organization node or a reference to it. */
  publisher: Organization | IdReference;
}

/** One downloadable file of the figures. */
function download(name: string, contentUrl: string, encodingFormat: string): DataDownload {
  return { '@type': 'DataDownload', name, contentUrl, encodingFormat };
}

/** The registration figures of one process as a schema.org Dataset with its CSV (and package) downloads. */
export function registrationsDataset(input: RegistrationsDatasetInput): Dataset {
  const api = new URL(`/api/v1/registrations/${input.process}/`, input.origin);
  const at = (path: string, query: Record<string, string>) => {
    const url = new URL(path, api);
    for (const [key, value] of Object.entries({ ...query, ...(input.cut ? { cut: input.cut } : {}) }))
      url.searchParams.set(key, value);
    return url.href;
  };
  const distribution: DataDownload[] = [
    download('countries.csv', at('countries.csv', { scope: 'cumple' }), 'text/csv'),
    ...VIEWS.map((view) => download(`${view}.csv`, at(`views/${view}.csv`, { lang: input.lang }), 'text/csv')),
    input.cut
      ? download(`${input.cut}.zip`, new URL(`cuts/${input.cut}.zip`, api).href, 'application/zip')
      : download('datapackage.json', new URL('datapackage.json', api).href, 'application/json'),
  ];
  return {
    '@type': 'Dataset',
    name: input.name,
    description: input.description,
    url: input.url,
    inLanguage: input.lang,
    isAccessibleForFree: true,
    license: FIGURES_LICENSE_URL,
    creator: INE,
    publisher: input.publisher,
    temporalCoverage: `${input.from}/${input.to}`,
    spatialCoverage: { '@type': 'Place', name: 'México' },
    distribution,
  };
}

/** A JSON-LD document: one node with its context, or a graph of nodes. */
export type JsonLdDocument = WithContext<Thing> | Graph;

/** Wraps nodes in one JSON-LD document with the schema.org context. */
export function jsonLdGraph(nodes: Thing[]): Graph {
  return { '@context': 'https://schema.org', '@graph': nodes };
}

/**
 * The text of a `<script type="application/ld+json">`: JSON with `<`, `>` and `&` escaped as \u00XX (still the
 * same JSON), so no value can close the script (`</script>`) or open a comment (`<!--`) in the HTML around it.
 */
export function serializeJsonLd(document: JsonLdDocument): string {
  return JSON.stringify(document)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
