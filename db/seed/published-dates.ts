// The dates a process's report states (registration window, the tables' cut-off, election day), checked against
// each other: the generator places every request inside them.
import { field, type ProcessSlug, processRows, readTable } from './report-tables.ts';

/** Key dates of a process from timeline.csv and the registration tables' cut-off. */
export interface ProcessDates {
  readonly registrationOpens: string;
  readonly registrationCloses: string;
  /** Date of the figures in the report: every generated request is received on or before it. */
  readonly cutoff: string;
  /** Null when the report does not state it. */
  readonly electionDay: string | null;
}

/** Registration window, report cut-off and election day of a process as stated in its report. */
export function publishedDates(slug: ProcessSlug): ProcessDates {
  const rows = readTable('timeline.csv').filter((row) => field(row, 'process') === slug);
  const dateOf = (category: string): string | null => {
    const dates = [
      ...new Set(rows.filter((row) => field(row, 'category') === category).map((row) => field(row, 'date'))),
    ];
    if (dates.length > 1) throw new Error(`published: ${slug} has several ${category} dates: ${dates.join(', ')}`);
    return dates[0] ?? null;
  };
  const required = (category: string): string => {
    const date = dateOf(category);
    if (date === null) throw new Error(`published: ${slug} has no ${category} in timeline.csv`);
    return date;
  };
  const cutoffs = [
    ...new Set(processRows('registrations_breakdowns.csv', slug).map((row) => field(row, 'cutoff_date'))),
  ];
  const cutoff = cutoffs[0];
  // The timeline also lists the fortnightly report cut-offs, so the tables' own date must be one of them.
  const timelineCutoffs = rows
    .filter((row) => field(row, 'category') === 'report_cutoff')
    .map((row) => field(row, 'date'));
  if (cutoff === undefined || cutoffs.length !== 1 || !timelineCutoffs.includes(cutoff)) {
    throw new Error(
      `published: ${slug} registration tables' cut-off ${cutoffs.join(', ')} is not a single timeline report_cutoff`,
    );
  }
  return {
    registrationOpens: required('registration_period_start'),
    registrationCloses: required('registration_period_end'),
    cutoff,
    electionDay: dateOf('election_day'),
  };
}
