import { type ProcessData, processSchema } from '../content/schemas.ts';

/** One electoral process as defined in content/processes/*.json, with its slug. */
export type ProcessDefinition = ProcessData & { slug: string };

/** A process whose registration calendar is published. */
export type DatedProcess = ProcessDefinition & { registration_opens: string; registration_closes: string };

/** A process a report announced before its calendar was published. */
export type AnnouncedProcess = ProcessDefinition & {
  registration_opens: null;
  registration_closes: null;
  announcement: NonNullable<ProcessData['announcement']>;
};

const files = import.meta.glob<{ default: unknown }>('../../content/processes/*.json', { eager: true });

function parse(path: string, data: unknown): ProcessDefinition {
  const slug = path.replace(/^.*\/|\.json$/g, '');
  const parsed = processSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `'${issue.path.join('.')}' ${issue.message}`).join('; ');
    throw new Error(
      `content/processes/${slug}.json: ${problems}. Fix the file (npm run content:check explains each field).`,
    );
  }
  return { ...parsed.data, slug };
}

/** Whether a process has its registration calendar (the schema refuses one date without the other). */
export function isDated(process: ProcessDefinition): process is DatedProcess {
  return process.registration_opens !== null && process.registration_closes !== null;
}

const ALL = Object.entries(files).map(([path, module]) => parse(path, module.default));

/** Every process with a published calendar, most recent registration window first. */
export const PROCESSES: DatedProcess[] = ALL.filter(isDated).sort((a, b) =>
  b.registration_opens.localeCompare(a.registration_opens),
);

/** Processes announced without dates (the next cycle as the reports describe it), most recent report first. */
export const ANNOUNCED_PROCESSES: AnnouncedProcess[] = ALL.filter(
  (process): process is AnnouncedProcess => !isDated(process) && process.announcement !== undefined,
).sort((a, b) => b.announcement.reported_in.localeCompare(a.announcement.reported_in));

/** The processes with registration figures (the dashboard, embeds and infographics can show them). */
export const PROCESSES_WITH_DATA = PROCESSES.filter((process) => process.has_registration_data);

/** Every process, the announced ones (the next cycle) first: process pages and calendars exist for each. */
export const EVERY_PROCESS: ProcessDefinition[] = [...ANNOUNCED_PROCESSES, ...PROCESSES];
