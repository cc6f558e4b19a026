// The data files beside the pages: partners, campaigns and materials (YAML lists, each entry validated, and each
// material's file present with the pixel size it claims) and the process definitions (content/processes/*.json).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { GlossaryEntry } from '../../../site/content/glossary.ts';
import {
  campaignSchema,
  glossaryEntrySchema,
  materialSchema,
  partnerSchema,
  processSchema,
} from '../../../site/content/schemas.ts';
import { describeIssue } from '../zod-issues.ts';
import { imageSize } from './image-size.ts';
import type { Problem } from './model.ts';
import type { CheckedStatement } from './statements.ts';
import { walk } from './walk.ts';

/** What the data files hold that other checks need: valid process slugs, the glossary, how many files were read. */
export interface DataFiles {
  processes: string[];
  /** Each process announcement's file and the day it was last checked. */
  announcements: CheckedStatement[];
  glossary: GlossaryEntry[];
  files: number;
}

async function readYamlList(path: string, file: string, errors: Problem[]): Promise<unknown[] | null> {
  if (!existsSync(path)) return null;
  try {
    const value = parseYaml(await readFile(path, 'utf8'));
    if (Array.isArray(value)) return value;
    errors.push({ file, message: 'must be a YAML list (each entry starts with "- id: ..."). Fix the file.' });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    errors.push({ file, message: `is not valid YAML (${reason}). Fix the file.` });
  }
  return null;
}

function validateList<T extends { id: string }>(
  list: unknown[],
  schema: z.ZodType<T>,
  file: string,
  errors: Problem[],
): Map<string, T> {
  const out = new Map<string, T>();
  list.forEach((item, index) => {
    const id = (item as { id?: unknown })?.id;
    const where = `${file} (entry ${index + 1}${typeof id === 'string' ? `, id ${id}` : ''})`;
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({ file: where, message: `${describeIssue(issue, item)}. Fix the entry.` });
      return;
    }
    if (out.has(parsed.data.id))
      errors.push({ file: where, message: `repeats the id '${parsed.data.id}'. Give each entry its own id.` });
    out.set(parsed.data.id, parsed.data);
  });
  return out;
}

/** Validates the YAML lists and process files under `root`/content; problems go to `errors`. */
export async function checkDataFiles(
  root: string,
  rel: (path: string) => string,
  errors: Problem[],
): Promise<DataFiles> {
  let files = 0;
  const listed = async <T extends { id: string }>(name: string, schema: z.ZodType<T>) => {
    const path = join(root, 'content', name);
    const list = await readYamlList(path, rel(path), errors);
    if (list) files += 1;
    return validateList(list ?? [], schema, rel(path), errors);
  };
  await listed('partners.yaml', partnerSchema);
  const glossary = [...(await listed('glossary.yaml', glossaryEntrySchema)).values()];
  const campaigns = await listed('campaigns.yaml', campaignSchema);
  const materials = await listed('materials.yaml', materialSchema);
  const materialsFile = rel(join(root, 'content', 'materials.yaml'));
  for (const material of materials.values()) {
    const where = `${materialsFile} (id ${material.id})`;
    if (!campaigns.has(material.campaign)) {
      errors.push({
        file: where,
        message: `'campaign' names '${material.campaign}', which is not in content/campaigns.yaml. Use one of: ${[...campaigns.keys()].join(', ') || '(none yet)'}.`,
      });
    }
    if (material.end < material.start) errors.push({ file: where, message: `'end' is before 'start'. Fix the dates.` });
    const path = join(root, 'public', material.file);
    if (!existsSync(path)) {
      errors.push({
        file: where,
        message: `'file' ${material.file} does not exist. Put the file in public${material.file} or fix the path.`,
      });
      continue;
    }
    const size = await imageSize(path);
    if (size && `${size.width}x${size.height}` !== material.dimensions) {
      errors.push({
        file: where,
        message: `'dimensions' says ${material.dimensions} but ${material.file} is ${size.width}x${size.height}. Fix 'dimensions' or the file.`,
      });
    }
  }

  const processes: string[] = [];
  const announcements: CheckedStatement[] = [];
  const processDir = join(root, 'content', 'processes');
  if (existsSync(processDir)) {
    for (const path of await walk(processDir)) {
      files += 1;
      if (!path.endsWith('.json')) {
        errors.push({
          file: rel(path),
          message: 'is not a .json file. Processes are defined as content/processes/<slug>.json.',
        });
        continue;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        errors.push({ file: rel(path), message: `is not valid JSON (${(error as Error).message}). Fix the file.` });
        continue;
      }
      const parsed = processSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          errors.push({ file: rel(path), message: `${describeIssue(issue, raw)}. Fix the file.` });
        continue;
      }
      processes.push(path.replace(/^.*\/|\.json$/g, ''));
      if (parsed.data.announcement)
        announcements.push({ file: rel(path), checked_on: parsed.data.announcement.checked_on });
    }
  }
  return { processes, announcements, glossary, files };
}
