// A D1 export (`wrangler d1 export`) holds one INSERT per row: restoring the demo data that way meant ~100 000
// statements, each a round trip through the local D1 proxy (minutes). Packing consecutive rows of a table into
// multi-row INSERTs loads the same rows with a few hundred statements, each under D1's statement size limit.

/** D1 refuses a statement longer than 100 000 bytes ("Maximum SQL statement length", D1 limits): a tenth kept spare. */
export const PACKED_STATEMENT_BYTES = 90_000;

/** What `statements` carries between chunks: where the scan stands inside a quote or a comment. */
type Quote = "'" | '"' | '`' | ']' | '--' | '/*' | undefined;

const CLOSING: Record<string, Quote> = { "'": "'", '"': '"', '`': '`', '[': ']' };

/**
 * The statements of an SQL text read in chunks, each without its `;`, comments and quoted text kept as they are.
 * A trigger's body (`BEGIN … ; … END`) stays one statement.
 */
export async function* statements(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  let quote: Quote;
  let current = '';
  let inTrigger = false;
  let previous = '';
  for await (const chunk of chunks) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as string;
      const before = previous;
      previous = c;
      if (quote === '--') {
        if (c === '\n') quote = undefined;
      } else if (quote === '/*') {
        if (before === '*' && c === '/') {
          quote = undefined;
          previous = '';
        }
      } else if (quote) {
        if (c === quote) quote = undefined;
      } else if (c in CLOSING) {
        quote = CLOSING[c];
      } else if ((c === '-' && before === '-') || (c === '*' && before === '/')) {
        quote = c === '-' ? '--' : '/*';
        previous = '';
      } else if (c === ';') {
        const statement = (current + chunk.slice(start, i)).trim();
        current = '';
        start = i + 1;
        // Inside a trigger the `;` ends a statement of its body; the trigger ends at END.
        inTrigger ||= /^CREATE\s+(?:TEMP\s+|TEMPORARY\s+)?TRIGGER\b/i.test(statement);
        if (inTrigger && !/\bEND$/i.test(statement)) {
          current = `${statement};`;
          continue;
        }
        inTrigger = false;
        if (statement) yield statement;
      }
    }
    current += chunk.slice(start);
  }
  const rest = current.trim();
  if (rest) yield rest;
}

/** `INSERT INTO <table> [(columns)] VALUES` and the row tuples after it, when a statement is exactly that. */
function insertRows(statement: string): { head: string; rows: string } | undefined {
  // The table, then the column list wrangler writes (names in double quotes), then the rows.
  const match =
    /^INSERT INTO (?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)(?: ?\((?:"(?:[^"]|"")*"|[^()'"])*\))? ?VALUES\s*(?=\()/.exec(
      statement,
    );
  if (!match) return undefined;
  const rows = statement.slice(match[0].length);
  // Only tuples separated by commas may follow (no ON CONFLICT, RETURNING …): anything else stays as it is.
  let depth = 0;
  let quote: string | undefined;
  for (const c of rows) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && c !== ',' && !/\s/.test(c)) return undefined;
  }
  return depth === 0 && !quote ? { head: match[0].trimEnd(), rows } : undefined;
}

/**
 * The same SQL, statement for statement in the same order, with each run of single-table INSERTs of one table
 * joined into multi-row INSERTs of at most `maxBytes` bytes each (a row longer than that stays on its own, as
 * the export had it). One statement per line, each ending with `;`.
 */
export async function* packInserts(
  chunks: AsyncIterable<string> | Iterable<string>,
  maxBytes = PACKED_STATEMENT_BYTES,
): AsyncGenerator<string> {
  let head = '';
  let rows: string[] = [];
  let bytes = 0;
  const flush = () => {
    const packed = rows.length > 0 ? `${head}${rows.join(',')};\n` : '';
    rows = [];
    return packed;
  };
  for await (const statement of statements(chunks)) {
    const insert = insertRows(statement);
    if (!insert) {
      if (rows.length > 0) yield flush();
      yield `${statement};\n`;
      continue;
    }
    const size = Buffer.byteLength(insert.rows) + 1;
    if (rows.length > 0 && (insert.head !== head || bytes + size > maxBytes)) yield flush();
    if (rows.length === 0) {
      head = insert.head;
      bytes = Buffer.byteLength(head) + 1;
    }
    rows.push(insert.rows);
    bytes += size;
  }
  if (rows.length > 0) yield flush();
}
