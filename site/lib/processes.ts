import { type ProcessData, processSchema } from '../content/schemas.ts';

/** One electoral process as defined in content/processes/*.json, with its slug. */
export type ProcessDefinition = ProcessData & { slug: string };

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

/** Every process defined in content/, most recent registration window first. */
export const PROCESSES: ProcessDefinition[] = Object.entries(files)
  .map(([path, module]) => parse(path, module.default))
  .sort((a, b) => b.registration_opens.localeCompare(a.registration_opens));

/** The processes with registration figures (the dashboard, embeds and infographics can show them). */
export const PROCESSES_WITH_DATA = PROCESSES.filter((process) => process.has_registration_data);
