// Signed CSVs: the manifest is the last line (`# manifest: {...}`), the content is every byte before it. The content
// is signed in a canonical form (RFC 4180 quoting only where needed, CRLF line ends, a final line end), which is
// what the site's CSV writer already produces; a copy re-saved by a spreadsheet can then be told apart: same
// canonical form (figures intact, `resaved`) or not (`content-changed`).
import { concatBytes } from './bytes.ts';

/** The prefix of the manifest line. */
export const MANIFEST_LINE_PREFIX = '# manifest: ';
/** The prefix of the first line, which names the code. */
export const CODE_LINE_PREFIX = '# verificación / verification: ';

const encoder = new TextEncoder();

/**
 * Records of CSV text by RFC 4180, tolerant of LF, CR or CRLF line ends and of quotes inside unquoted fields (as
 * spreadsheets are). Our own small reader: csv-parse needs Node's Buffer, and this one also runs in the browser.
 */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted) {
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += c;
    }
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

function quoteField(field: string): string {
  return /[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * The canonical form of CSV text: a UTF-8 BOM and blank lines dropped, fields quoted only when they must be (as the
 * site's CSV writer does), CRLF after every record. Comment lines (first cell starting with #) also lose trailing
 * empty cells, which a spreadsheet adds to pad them to the table's width; data rows keep every cell.
 */
export function canonicalCsv(text: string): string {
  const records = parseCsvRecords(text.replace(/^\uFEFF/, ''));
  const lines: string[] = [];
  for (const record of records) {
    while (record[0]?.startsWith('#') && record.length > 1 && record.at(-1) === '') record.pop();
    if (record.length === 1 && record[0] === '') continue;
    lines.push(record.map(quoteField).join(','));
  }
  return lines.map((line) => `${line}\r\n`).join('');
}

/** A CSV split at its last non-empty line: the bytes before it, and that line's text (line end removed). */
export function splitLastLine(bytes: Uint8Array): { content: Uint8Array; lastLine: string } {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  let start = end;
  while (start > 0 && bytes[start - 1] !== 0x0a && bytes[start - 1] !== 0x0d) start--;
  return { content: bytes.subarray(0, start), lastLine: new TextDecoder().decode(bytes.subarray(start, end)) };
}

/**
 * The manifest text of a last line: the line as written, or as a spreadsheet re-saved it (the JSON split into cells
 * at its commas and requoted, or its quotes dropped). Null when the line is no manifest line at all.
 */
export function manifestLineText(line: string): { text: string; exact: boolean } | null {
  const written = line.slice(MANIFEST_LINE_PREFIX.length);
  if (line.startsWith(MANIFEST_LINE_PREFIX) && isJson(written)) return { text: written, exact: true };
  const [record] = parseCsvRecords(line);
  if (!record) return null;
  while (record.length > 1 && record.at(-1) === '') record.pop();
  const joined = record.join(',');
  if (!joined.startsWith(MANIFEST_LINE_PREFIX)) return null;
  const json = joined.slice(MANIFEST_LINE_PREFIX.length);
  return { text: isJson(json) ? json : requote(json), exact: false };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** `{v:1,code:X,...}` with its quotes lost back to JSON: every manifest value is a number or a string without commas. */
function requote(mangled: string): string {
  const body = mangled
    .trim()
    .replace(/^\{|\}$/g, '')
    .replace(/"/g, '');
  const members = body.split(',').map((member) => {
    const colon = member.indexOf(':');
    const key = member.slice(0, colon).trim();
    const value = member.slice(colon + 1).trim();
    return `${JSON.stringify(key)}:${/^\d+$/.test(value) ? value : JSON.stringify(value)}`;
  });
  return `{${members.join(',')}}`;
}

/**
 * The signed file: the canonical content, then the manifest line with no line end after it, so that whichever way
 * a checker finds "the last line" (after the last line break, or the last element of a split) it is this one.
 */
export function csvWithManifest(canonicalContent: string, manifestJson: string): Uint8Array<ArrayBuffer> {
  return concatBytes([encoder.encode(canonicalContent), encoder.encode(`${MANIFEST_LINE_PREFIX}${manifestJson}`)]);
}
