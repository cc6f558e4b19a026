// "What can I vote for?": which processes concern a state, where each stands today, and the next step.

import { daysBetween } from '../../functions/domain/dates.ts';
import type { Modality } from '../../functions/domain/registration.ts';

/** What the finder needs to know about a process (a subset of content/processes/*.json). */
export interface FinderProcess {
  slug: string;
  name: { es: string; en: string };
  registration_opens: string;
  registration_closes: string;
  correction_deadline: string | null;
  election_day: string | null;
  modalities: readonly Modality[];
  states: Record<string, { offices: { es: string; en: string }[] }>;
  national_offices: { es: string; en: string }[];
}

/** Where a process stands on a given day. */
export type Phase = 'upcoming' | 'open' | 'closed' | 'past';

/** The kind of credential the reader has. */
export type Credential = 'cpve' | 'nacional' | 'none';

/** What to do next, as a key the page turns into words and a link. */
export type NextStep =
  | 'get-credential'
  | 'register-now'
  | 'get-credential-now'
  | 'prepare'
  | 'wait-for-election'
  | 'next-election';

/** One process as it concerns the reader's state. */
export interface FinderResult {
  process: FinderProcess;
  offices: { es: string; en: string }[];
  phase: Phase;
  /** Days until registration closes (open) or opens (upcoming). */
  days: number | null;
}

/** The phase of a process on `today`: registration not open yet, open, closed before the election, or over. */
export function phaseOf(process: FinderProcess, today: string): Phase {
  if (today < process.registration_opens) return 'upcoming';
  if (today <= process.registration_closes) return 'open';
  if (process.election_day && today <= process.election_day) return 'closed';
  return 'past';
}

const PHASE_ORDER: Record<Phase, number> = { open: 0, upcoming: 1, closed: 2, past: 3 };

/** The processes in which people from `entity` vote from abroad: open first, then upcoming, then the most recent. */
export function processesFor(entity: string, processes: readonly FinderProcess[], today: string): FinderResult[] {
  return processes
    .filter((process) => process.national_offices.length > 0 || entity in process.states)
    .map((process) => {
      const phase = phaseOf(process, today);
      const days =
        phase === 'open'
          ? daysBetween(today, process.registration_closes)
          : phase === 'upcoming'
            ? daysBetween(today, process.registration_opens)
            : null;
      return {
        process,
        offices: [...process.national_offices, ...(process.states[entity]?.offices ?? [])],
        phase,
        days,
      };
    })
    .sort(
      (a, b) =>
        PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] ||
        b.process.registration_opens.localeCompare(a.process.registration_opens),
    );
}

/**
 * Whether the reader is between elections on `today`: no registration window is open or announced with dates,
 * so the pages lead with what to do now and with the next cycle as the reports describe it.
 */
export function isBetweenElections(processes: readonly FinderProcess[], today: string): boolean {
  return !processes.some((process) => {
    const phase = phaseOf(process, today);
    return phase === 'open' || phase === 'upcoming';
  });
}

/** The next step for someone with `credential` when a process is in `phase`. */
export function nextStep(phase: Phase, credential: Credential): NextStep {
  if (phase === 'open') return credential === 'none' ? 'get-credential-now' : 'register-now';
  if (phase === 'upcoming') return credential === 'none' ? 'get-credential' : 'prepare';
  if (phase === 'closed') return 'wait-for-election';
  return credential === 'none' ? 'get-credential' : 'next-election';
}
