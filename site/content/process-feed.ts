import type { EntityCode } from '../../functions/domain/entities.ts';
import type { ProcessBody } from '../../functions/domain/registration.ts';
import type { ProcessData } from './schemas.ts';

/** The body of `PUT /api/v1/processes/{slug}` for a process defined in content/processes/. */
export function feedBody(process: ProcessData): ProcessBody {
  return {
    name: process.name,
    registration_opens: process.registration_opens,
    registration_closes: process.registration_closes,
    election_day: process.election_day,
    // The schema only accepts INEGI codes as keys, so the cast is checked at parse time.
    entities: Object.keys(process.states).sort() as EntityCode[],
    modalities: [...process.modalities],
    // What is modelled is the loader's to say (the demo data's day-by-day series), not the content's.
    illustrative: [],
  };
}
