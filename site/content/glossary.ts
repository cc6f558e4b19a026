// The glossary's rules in one place: how a term is found in text, and which English text leaves a Spanish
// term unmarked or uses a wording the site avoids. The content check and the guides' first-use links use them.
import type { z } from 'zod';
import type { glossaryEntrySchema } from './schemas.ts';

/** One parsed entry of content/glossary.yaml. */
export type GlossaryEntry = z.output<typeof glossaryEntrySchema>;

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The pattern that finds `text` as a whole word: an acronym (any capital letter) in its exact case, a word in
 * any case. Letters and digits on either side mean another word (LNE is not LNERE).
 */
export function wordPattern(text: string, flags = 'g'): RegExp {
  const caseless = text === text.toLowerCase();
  return new RegExp(`(?<![\\p{L}\\p{N}])${literal(text)}(?![\\p{L}\\p{N}])`, `${flags}u${caseless ? 'i' : ''}`);
}

// Text a reader never sees as English prose: elements marked Spanish (with what they hold), code, markup and
// link targets. Each is blanked with spaces of the same length so positions still give the right line.
const HIDDEN = [
  /<(\w+)\b[^>]*\blang="es[^"]*"[^>]*>[\s\S]*?<\/\1>/g,
  /`[^`\n]*`/g,
  /<[^>\n]+>/g,
  /\]\([^)\n]*\)/g,
  /^import .*$/gm,
];

function blank(text: string): string {
  return HIDDEN.reduce((out, pattern) => out.replace(pattern, (match) => ' '.repeat(match.length)), text);
}

/** A place where English text breaks the glossary: an unmarked Spanish term, or a wording the site avoids. */
export interface GlossaryFinding {
  index: number;
  entry: GlossaryEntry;
  found: string;
  kind: 'unmarked' | 'avoided';
}

/** Every unmarked Spanish term and avoided wording in an English page body, in order. */
export function glossaryFindings(body: string, entries: readonly GlossaryEntry[]): GlossaryFinding[] {
  const visible = blank(body);
  const findings: GlossaryFinding[] = [];
  for (const entry of entries) {
    if (entry.spanish) {
      for (const match of visible.matchAll(wordPattern(entry.term)))
        findings.push({ index: match.index, entry, found: match[0], kind: 'unmarked' });
    }
    for (const wording of entry.avoid_in_english) {
      for (const match of visible.matchAll(wordPattern(wording)))
        findings.push({ index: match.index, entry, found: match[0], kind: 'avoided' });
    }
  }
  return findings.sort((a, b) => a.index - b.index);
}
