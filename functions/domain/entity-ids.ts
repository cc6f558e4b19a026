import { ENTITIES, ENTITY_CODES, type EntityCode } from './entities.ts';
import { OCD_MX_STATES_CSV } from './ocd-mx-states.ts';

// The other names the 32 states go by, so partners can join our figures to theirs: ISO 3166-2 (GIS data,
// most APIs) and Open Civic Data division ids (civic-tech feeds). INEGI's code stays the one we store.

/** ISO 3166-2 subdivision code of each state, as ISO publishes it for MX. */
const ISO_3166_2: Record<EntityCode, string> = {
  '01': 'MX-AGU',
  '02': 'MX-BCN',
  '03': 'MX-BCS',
  '04': 'MX-CAM',
  '05': 'MX-COA',
  '06': 'MX-COL',
  '07': 'MX-CHP',
  '08': 'MX-CHH',
  '09': 'MX-CMX',
  '10': 'MX-DUR',
  '11': 'MX-GUA',
  '12': 'MX-GRO',
  '13': 'MX-HID',
  '14': 'MX-JAL',
  '15': 'MX-MEX',
  '16': 'MX-MIC',
  '17': 'MX-MOR',
  '18': 'MX-NAY',
  '19': 'MX-NLE',
  '20': 'MX-OAX',
  '21': 'MX-PUE',
  '22': 'MX-QUE',
  '23': 'MX-ROO',
  '24': 'MX-SLP',
  '25': 'MX-SIN',
  '26': 'MX-SON',
  '27': 'MX-TAB',
  '28': 'MX-TAM',
  '29': 'MX-TLA',
  '30': 'MX-VER',
  '31': 'MX-YUC',
  '32': 'MX-ZAC',
};

// OCD's file names the State of Mexico plainly "México"; every other state is named as INEGI (es) or in English.
const OCD_NAME_OF: Partial<Record<EntityCode, string>> = { '15': 'México' };

function ocdIds(): Record<EntityCode, string> {
  const rows = OCD_MX_STATES_CSV.trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter(([id]) => id?.includes('/state:'));
  const ids = {} as Record<EntityCode, string>;
  for (const code of ENTITY_CODES) {
    const names = [OCD_NAME_OF[code] ?? ENTITIES[code].es, ENTITIES[code].en];
    const row = rows.find(([, name]) => name === names[0]) ?? rows.find(([, name]) => name === names[1]);
    if (!row?.[0]) throw new Error(`no OCD division id for state ${code}`);
    ids[code] = row[0];
  }
  return ids;
}

const OCD_IDS = ocdIds();

/** One state in every naming: what `GET /api/v1/entities` lists. */
export interface EntityIds {
  code: EntityCode;
  name_es: string;
  name_en: string;
  iso_3166_2: string;
  ocd_id: string;
}

/** The crosswalk of the 32 states, in INEGI order. */
export const ENTITY_IDS: readonly EntityIds[] = ENTITY_CODES.map((code) => ({
  code,
  name_es: ENTITIES[code].es,
  name_en: ENTITIES[code].en,
  iso_3166_2: ISO_3166_2[code],
  ocd_id: OCD_IDS[code],
}));

const BY_OTHER_ID = new Map<string, EntityCode>(
  ENTITY_IDS.flatMap((entity) => [
    [entity.iso_3166_2.toLowerCase(), entity.code],
    [entity.ocd_id.toLowerCase(), entity.code],
  ]),
);

/**
 * The INEGI code of a state named by its ISO 3166-2 code or OCD id (either case); anything else comes back
 * unchanged, so the INEGI check that follows reports it in its own words.
 */
export function toInegiCode(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return BY_OTHER_ID.get(value.trim().toLowerCase()) ?? value;
}
