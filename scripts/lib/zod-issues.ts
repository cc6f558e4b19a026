// Turns a zod issue into a sentence for content authors: which field, what is wrong, what is allowed.
import type { z } from 'zod';

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path)
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** `'updated' must be a date written YYYY-MM-DD`, `'colour' is not a field here (allowed: ...)`, `'title' is required`. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const field = issue.path.map(String).join('.');
  const name = field ? `'${field}'` : 'the entry';
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `'${field ? `${field}.` : ''}${key}'`).join(', ');
    return `${keys} ${issue.keys.length > 1 ? 'are not fields' : 'is not a field'} here. Remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
  }
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return `${name} is required`;
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `${name} must be one of: ${issue.values.map(String).join(', ')}`;
  }
  return `${name} ${issue.message}`;
}
