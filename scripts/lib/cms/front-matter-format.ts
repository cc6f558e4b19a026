// How the editor writes a page's front matter and a data entry: only the fields that have a value, so an optional
// field left empty is absent from the file (as content:check and the build expect), never an empty string.

/** The name of the custom format for page files (YAML front matter and a Markdown body, in .mdx). */
export const FRONT_MATTER_FORMAT = 'vx-frontmatter';

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** `data` without empty fields, nested objects included (a bilingual text with both halves empty disappears). */
export function cleanFrontMatter(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const clean =
      value && typeof value === 'object' && !Array.isArray(value)
        ? cleanFrontMatter(value as Record<string, unknown>)
        : value;
    if (
      isEmpty(clean) ||
      (typeof clean === 'object' && !Array.isArray(clean) && Object.keys(clean as object).length === 0)
    )
      continue;
    out[key] = clean;
  }
  return out;
}
