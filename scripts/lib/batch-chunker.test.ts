import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Chunk, csvChunks, csvLine, fileLine, ndjsonChunks, parsedCsvChunks } from './batch-chunker.ts';

async function file(content: string, name = 'batch.csv'): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'voto-chunker-')), name);
  await writeFile(path, content);
  return path;
}

async function collect(chunks: AsyncGenerator<Chunk>): Promise<Chunk[]> {
  const out: Chunk[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('csvChunks', () => {
  it('repeats the header, keeps quoted fields and maps lines back to the file', async () => {
    const path = await file('\uFEFFa,b\r\n1,"x\r\ny"\r\n\r\n2,"say ""hi"", ok"\r\n3,z\r\n4,w\r\n');
    const chunks = await collect(csvChunks(path, { maxRows: 2, maxBytes: 1_000 }));
    expect(chunks.map((c) => c.rows)).toEqual([2, 2]);
    expect(chunks[0]?.body).toBe('a,b\n1,"x\ny"\n2,"say ""hi"", ok"\n');
    expect(chunks[1]?.body).toBe('a,b\n3,z\n4,w\n');
    const [first, second] = chunks as [Chunk, Chunk];
    expect(fileLine(first, 1)).toBe(1);
    expect(fileLine(first, 2)).toBe(2);
    expect(fileLine(first, 4)).toBe(5);
    expect(fileLine(second, 2)).toBe(6);
    expect(fileLine(second, 3)).toBe(7);
  });

  it('cuts by size as well as by rows', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${i},${'v'.repeat(50)}`);
    const chunks = await collect(
      csvChunks(await file(`a,b\n${rows.join('\n')}\n`), { maxRows: 1_000, maxBytes: 1_000 }),
    );
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.every((c) => Buffer.byteLength(c.body) <= 1_000)).toBe(true);
    expect(chunks.reduce((sum, c) => sum + c.rows, 0)).toBe(100);
  });
});

describe('ndjsonChunks', () => {
  it('drops blank lines and keeps file line numbers', async () => {
    const chunks = await collect(
      ndjsonChunks(await file('{"a":1}\r\n\r\n{"a":2}\n{"a":3}\n', 'b.ndjson'), { maxRows: 2, maxBytes: 1_000 }),
    );
    expect(chunks.map((c) => c.body)).toEqual(['{"a":1}\n{"a":2}\n', '{"a":3}\n']);
    expect(fileLine(chunks[0] as Chunk, 2)).toBe(3);
    expect(fileLine(chunks[1] as Chunk, 1)).toBe(4);
  });
});

describe('csvLine', () => {
  it('quotes only when needed and sends the data as it is', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', ' padded '])).toBe('plain,"a,b","say ""hi"""," padded "');
    // A feed is read by a program: a folio that starts with - is data, not a formula to neutralise.
    expect(csvLine(['-A1', '=x'])).toBe('-A1,=x');
  });
});

describe('plain CSV files', () => {
  it('are cut line for line into the same chunks, lines and progress as parsing them gives', async () => {
    const rows = Array.from({ length: 57 }, (_, i) => `F-${i},2023-10-0${1 + (i % 9)},US,09,M,${20 + i},postal`);
    // A BOM, blank lines (one at the end), a short last line without its LF: what the parsing path also handles.
    const text = `\uFEFFfolio,received_on,country,entity,sex,age,modality\n${rows.slice(0, 20).join('\n')}\n\n${rows.slice(20).join('\n')}\n\n1,2`;
    const path = await file(text);
    for (const limits of [
      { maxRows: 10, maxBytes: 100_000 },
      { maxRows: 1_000, maxBytes: 300 },
    ]) {
      const plain = await collect(csvChunks(path, limits));
      const parsed = await collect(parsedCsvChunks(path, limits));
      expect(plain.map(({ bytesRead, ...chunk }) => chunk)).toEqual(parsed.map(({ bytesRead, ...chunk }) => chunk));
      expect(plain.at(-1)?.bytesRead).toBe(Buffer.byteLength(text));
    }
  });

  it('fall back to parsing when one line is not plain', async () => {
    const path = await file('a,b\n1,2\n3,"x,y"\n');
    const chunks = await collect(csvChunks(path, { maxRows: 10, maxBytes: 1_000 }));
    expect(chunks.map((c) => c.body)).toEqual(['a,b\n1,2\n3,"x,y"\n']);
    const padded = await collect(csvChunks(await file('a,b\n1, 2\n'), { maxRows: 10, maxBytes: 1_000 }));
    // Parsed and written again, as before this fast path: csvLine quotes a value holding a space.
    expect(padded.map((c) => c.body)).toEqual(['a,b\n1," 2"\n']);
  });
});
