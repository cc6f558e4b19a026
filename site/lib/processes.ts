/** One electoral process as defined in content/processes/*.json (the body of the processes API). */
export interface ProcessDefinition {
  slug: string;
  name: { es: string; en: string };
  registration_opens: string;
  registration_closes: string;
  election_day: string | null;
  entities: string[];
  modalities: string[];
}

const files = import.meta.glob<{ default: Omit<ProcessDefinition, 'slug'> }>('../../content/processes/*.json', {
  eager: true,
});

/** Every process defined in content/, most recent registration window first. */
export const PROCESSES: ProcessDefinition[] = Object.entries(files)
  .map(([path, module]) => ({ ...module.default, slug: path.replace(/^.*\/|\.json$/g, '') }))
  .sort((a, b) => b.registration_opens.localeCompare(a.registration_opens));
