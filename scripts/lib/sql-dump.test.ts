import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { packInserts, statements } from './sql-dump.ts';

const collect = async (lines: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
};

/** Every character its own chunk: whatever the scan carries between chunks is exercised at every position. */
const oneByOne = (text: string) => [...text];

// Shaped like `wrangler d1 export`: schema, rows with a column list, a trigger and a view after the data.
const DUMP = `PRAGMA defer_foreign_keys=TRUE;
CREATE TABLE t (a TEXT, b INTEGER); -- a comment; with a semicolon
CREATE TABLE "u" (x TEXT);
INSERT INTO "t" ("a","b") VALUES('semi;colon',1);
INSERT INTO "t" ("a","b") VALUES('it''s -- not a comment',2);
INSERT INTO "t" ("a","b") VALUES('two
lines /* not a comment */',3);
INSERT INTO "u" ("x") VALUES('first u');
INSERT INTO "t" ("a","b") VALUES(NULL,4);
/* a block comment; still one */
INSERT INTO "t" ("a","b") VALUES('last',5) ON CONFLICT DO NOTHING;
CREATE TRIGGER t_no_delete BEFORE DELETE ON t
BEGIN
  SELECT RAISE(ABORT, 'append-only; really');
END;
CREATE VIEW v AS SELECT a FROM t;
`;

function load(sql: string) {
  const db = new DatabaseSync(':memory:');
  db.exec(sql);
  const rows = (table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
  const schema = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
  return { t: rows('t'), u: rows('u'), schema };
}

describe('statements', () => {
  it('splits at semicolons outside quotes and comments, keeping a trigger whole, whatever the chunks', async () => {
    for (const chunks of [[DUMP], oneByOne(DUMP)]) {
      const found = await collect(statements(chunks));
      expect(found).toHaveLength(11);
      expect(found[3]).toBe(`INSERT INTO "t" ("a","b") VALUES('semi;colon',1)`);
      expect(found[4]).toBe(`INSERT INTO "t" ("a","b") VALUES('it''s -- not a comment',2)`);
      expect(found[8]).toMatch(
        /^\/\* a block comment; still one \*\/\nINSERT INTO "t" .*'last',5\) ON CONFLICT DO NOTHING$/,
      );
      expect(found[9]).toMatch(/^CREATE TRIGGER t_no_delete[\s\S]*'append-only; really'\);\nEND$/);
      expect(found[10]).toBe('CREATE VIEW v AS SELECT a FROM t');
    }
  });

  it('gives the last statement even without a closing semicolon', async () => {
    expect(await collect(statements(['SELECT 1; SELECT 2']))).toEqual(['SELECT 1', 'SELECT 2']);
  });
});

describe('packInserts', () => {
  it('joins runs of rows of one table, and the result loads the same database', async () => {
    const packed = (await collect(packInserts(oneByOne(DUMP)))).join('');
    expect(packed).toContain(
      `INSERT INTO "t" ("a","b") VALUES('semi;colon',1),('it''s -- not a comment',2),('two\nlines /* not a comment */',3);\n`,
    );
    // Another table's row ends the run, and a row with ON CONFLICT is left as it was.
    expect(packed).toContain(`INSERT INTO "u" ("x") VALUES('first u');\nINSERT INTO "t" ("a","b") VALUES(NULL,4);\n`);
    expect(packed).toContain(`INSERT INTO "t" ("a","b") VALUES('last',5) ON CONFLICT DO NOTHING;\n`);
    expect(load(packed)).toEqual(load(DUMP));
  });

  it('keeps every statement under the byte limit, a longer row alone as it came', async () => {
    const row = (i: number, text: string) => `INSERT INTO "t" ("a","b") VALUES('${text}',${i});\n`;
    const rows = Array.from({ length: 40 }, (_, i) => row(i, `ñ${'x'.repeat(i % 7)}`)).join('');
    const long = row(99, 'y'.repeat(300));
    const sql = `CREATE TABLE t (a TEXT, b INTEGER);\n${rows}${long}${rows}`;
    const packed = await collect(packInserts([sql], 200));
    for (const statement of packed)
      if (!statement.includes('yyy')) expect(Buffer.byteLength(statement) - 1).toBeLessThanOrEqual(200);
    expect(packed).toContain(long);
    // Fewer statements than rows, and not one per row: the rows were packed.
    expect(packed.length).toBeGreaterThan(3);
    expect(packed.length).toBeLessThan(30);
    expect(load(`${packed.join('')}CREATE TABLE u (x);`).t).toEqual(load(`${sql}CREATE TABLE u (x);`).t);
  });
});
