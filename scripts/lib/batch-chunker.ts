import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { toCsv } from '../../functions/shared/csv.ts';

/** One batch cut from a file: its body and where its lines came from. */
export interface Chunk {
  index: number;
  body: string;
  rows: number;
  /** Bytes of the file read so far (for progress). */
  bytesRead: number;
  /** For each record of the body: [line in the body, line in the file], ascending. */
  lineMap: [number, number][];
}

/** Limits a chunk must stay under (the server's are 50,000 rows and 10 MiB). */
export interface ChunkLimits {
  maxRows: number;
  maxBytes: number;
}

/** Translates a line number of a chunk's body back to the file's line number. */
export function fileLine(chunk: Chunk, bodyLine: number): number {
  if (bodyLine <= 1 && chunk.lineMap[0]?.[0] !== 1) return 1; // the CSV header
  let best: [number, number] | undefined;
  for (const entry of chunk.lineMap) {
    if (entry[0] > bodyLine) break;
    best = entry;
  }
  return best ? best[1] + (bodyLine - best[0]) : bodyLine;
}

/** One CSV record as a line without its end: the one CSV writer, data kept as sent (a feed, not a spreadsheet). */
export function csvLine(record: readonly string[]): string {
  return toCsv([record], { lineEnd: '\n', formulas: 'keep' }).slice(0, -1);
}

/** csv-parse counts a lone CR as a line; turning CRLF into LF keeps its line numbers true. */
function crlfToLf(): Transform {
  let pendingCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let text = (pendingCr ? '\r' : '') + chunk.toString('latin1');
      pendingCr = text.endsWith('\r');
      if (pendingCr) text = text.slice(0, -1);
      callback(null, Buffer.from(text.replaceAll('\r\n', '\n'), 'latin1'));
    },
    flush(callback) {
      callback(null, pendingCr ? Buffer.from('\r', 'latin1') : null);
    },
  });
}

// A CSV file of plain lines: no quotes, no spaces or other characters a CSV reader trims, no CR. Every line is then
// one record as it stands (what feeds send), so it is passed on without parsing; the Worker reads it the same way.
const PLAIN = /^[\w,\n-]*$/;

/** Whether every block of the file is plain (PLAIN), read once, streaming. */
async function isPlain(path: string): Promise<boolean> {
  let first = true;
  for await (const block of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = first ? (block as string).replace(/^\uFEFF/, '') : (block as string);
    first = false;
    if (!PLAIN.test(text)) return false;
  }
  return true;
}

/** Cuts a plain CSV file (isPlain) line for line, with the same chunks and line numbers as the parsing path. */
async function* plainCsvChunks(path: string, limits: ChunkLimits): AsyncGenerator<Chunk> {
  let bytesRead = 0;
  let header: string | null = null;
  let lines: string[] = [];
  let lineMap: [number, number][] = [];
  let size = 0;
  let index = 0;
  let fileLineNumber = 0;
  let rest = '';
  const flush = (): Chunk => {
    const chunk = { index: index++, body: `${header}\n${lines.join('\n')}\n`, rows: lines.length, bytesRead, lineMap };
    lines = [];
    lineMap = [];
    size = 0;
    return chunk;
  };
  const source = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const block of source) {
    const text = fileLineNumber === 0 && rest === '' ? (block as string).replace(/^\uFEFF/, '') : (block as string);
    bytesRead = source.bytesRead;
    const parts = (rest + text).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      fileLineNumber += 1;
      if (line === '') continue;
      if (header === null) {
        header = line;
        continue;
      }
      if (lines.length >= limits.maxRows || size + line.length + header.length + 2 > limits.maxBytes) yield flush();
      lines.push(line);
      lineMap.push([lines.length + 1, fileLineNumber]);
      size += line.length + 1;
    }
  }
  if (rest !== '') {
    fileLineNumber += 1;
    if (header === null) header = rest;
    else {
      if (lines.length >= limits.maxRows || size + rest.length + header.length + 2 > limits.maxBytes) yield flush();
      lines.push(rest);
      lineMap.push([lines.length + 1, fileLineNumber]);
    }
  }
  if (lines.length > 0) yield flush();
}

/** Cuts a CSV file into CSV batches that each repeat the header row, streaming (any file size). */
export async function* csvChunks(path: string, limits: ChunkLimits): AsyncGenerator<Chunk> {
  yield* (await isPlain(path)) ? plainCsvChunks(path, limits) : parsedCsvChunks(path, limits);
}

/** csvChunks for any CSV (quoted fields, CRLF, padding): each record parsed and written again as one line. */
export async function* parsedCsvChunks(path: string, limits: ChunkLimits): AsyncGenerator<Chunk> {
  const source = createReadStream(path);
  let bytesRead = 0;
  source.on('data', (data) => {
    bytesRead += data.length;
  });
  const parser = source
    .pipe(crlfToLf())
    .pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }));
  let header: string | null = null;
  let lines: string[] = [];
  let lineMap: [number, number][] = [];
  let size = 0;
  let bodyLine = 2;
  let index = 0;
  const flush = (): Chunk => {
    const chunk = { index: index++, body: `${header}\n${lines.join('\n')}\n`, rows: lines.length, bytesRead, lineMap };
    lines = [];
    lineMap = [];
    size = 0;
    bodyLine = 2;
    return chunk;
  };
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const text = csvLine(record);
    if (header === null) {
      header = text;
      continue;
    }
    const breaks = record.reduce((sum, field) => sum + (field.match(/\n/g)?.length ?? 0), 0);
    if (lines.length >= limits.maxRows || size + text.length + header.length + 2 > limits.maxBytes) yield flush();
    lineMap.push([bodyLine, info.lines - breaks]);
    lines.push(text);
    size += Buffer.byteLength(text) + 1;
    bodyLine += 1 + breaks;
  }
  if (lines.length > 0) yield flush();
}

/** Cuts an NDJSON file into NDJSON batches, line for line (blank lines dropped). */
export async function* ndjsonChunks(path: string, limits: ChunkLimits): AsyncGenerator<Chunk> {
  const source = createReadStream(path);
  let bytesRead = 0;
  source.on('data', (data) => {
    bytesRead += data.length;
  });
  let lines: string[] = [];
  let lineMap: [number, number][] = [];
  let size = 0;
  let index = 0;
  let fileLineNumber = 0;
  const flush = (): Chunk => {
    const chunk = { index: index++, body: `${lines.join('\n')}\n`, rows: lines.length, bytesRead, lineMap };
    lines = [];
    lineMap = [];
    size = 0;
    return chunk;
  };
  for await (const raw of createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY })) {
    fileLineNumber += 1;
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '') continue;
    if (lines.length >= limits.maxRows || size + line.length + 1 > limits.maxBytes) yield flush();
    lines.push(line);
    lineMap.push([lines.length, fileLineNumber]);
    size += Buffer.byteLength(line) + 1;
  }
  if (lines.length > 0) yield flush();
}
