// Reads and writes the YAML data lists (content/partners.yaml, ...) for the editor without losing what people wrote
// by hand around the entries: the header and section comments stay on the entries they belong to.
import { Document, isMap, isSeq, parseDocument, type YAMLMap, YAMLSeq } from 'yaml';
import { cleanFrontMatter } from './front-matter-format.ts';

/** The documents as last read, so a save can put each entry back into its own commented node. */
const read: Document[] = [];

function idOf(node: unknown): unknown {
  return isMap(node) ? node.get('id') : undefined;
}

/** The entries of a YAML list file, as the editor edits them (`items`). */
export function listFromFile(text: string): { items: unknown[] } {
  const doc = parseDocument(text);
  read.unshift(doc);
  read.length = Math.min(read.length, 8);
  const items = doc.toJS();
  return { items: Array.isArray(items) ? items : [] };
}

/** The file text for `items`, reusing the comments of the document they were read from (matched by id). */
export function listToFile({ items = [] }: { items?: unknown[] }): string {
  const clean = items.map((item) => cleanFrontMatter(item as Record<string, unknown>));
  const ids = new Set(clean.map((item) => item.id));
  const source = read.find((doc) => isSeq(doc.contents) && doc.contents.items.some((node) => ids.has(idOf(node))));
  if (!source || !isSeq(source.contents)) return stringifyPlain(clean);
  const doc = source.clone();
  const old = new Map((doc.contents as YAMLSeq).items.map((node) => [idOf(node), node as YAMLMap]));
  const seq = new YAMLSeq();
  for (const item of clean) {
    const node = old.get(item.id);
    if (!node) {
      seq.items.push(doc.createNode(item));
      continue;
    }
    for (const key of node.items.map((pair) => String((pair.key as { value?: unknown })?.value ?? pair.key)))
      if (!(key in item)) node.delete(key);
    for (const [key, value] of Object.entries(item)) {
      if (
        JSON.stringify((node.get(key, true) as { toJSON?: () => unknown })?.toJSON?.() ?? node.get(key)) !==
        JSON.stringify(value)
      )
        node.set(key, doc.createNode(value));
    }
    seq.items.push(node);
  }
  doc.contents = seq;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function stringifyPlain(items: unknown[]): string {
  return new Document(items).toString({ lineWidth: 0, flowCollectionPadding: false });
}
