import type { EntityCode } from '../../functions/domain/entities.ts';
import type { ProcessBody } from '../../functions/domain/registration.ts';
import type { ProcessData } from './schemas.ts';

/** The body of `PUT /api/v1/processes/{slug}` for a process defined in content/processes/. */
export function feedBody(process: ProcessData): ProcessBody {
  const { registration_opens: opens, registration_closes: closes } = process;
  // The schema refuses registration data for a process without dates, so only a caller's mistake lands here.
  if (opens === null || closes === null) throw new Error(`${process.name.en}: no registration dates to define a feed`);
  return {
    name: process.name,
    registration_opens: opens,
    registration_closes: closes,
    election_day: process.election_day,
    // The schema only accepts INEGI codes as keys, so the cast is checked at parse time.
    entities: Object.keys(process.states).sort() as EntityCode[],
    modalities: [...process.modalities],
    // What is modelled is the loader's to say (the demo data's day-by-day series), not the content's.
    illustrative: [],
  };
}
