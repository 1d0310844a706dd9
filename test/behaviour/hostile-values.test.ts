/**
 * Hostile strings, the quick cases (the 10,000-string corpus runs in test/stress/hostile-input*):
 * NUL where PostgreSQL or libsql cannot keep it is refused before anything is sent, naming the
 * column; lone surrogates, which UTF-8 cannot carry, likewise; literals written by
 * `inlineParams()` keep every character; and a few hundred corpus strings round-trip everywhere.
 */
import { eq, inArray, placeholder, SluiceError, sql, UnstorableStringError } from 'sluice';
import { bytea, char, integer, json, jsonb, pgTable, text, varchar } from 'sluice/pg-core';
import { blob, integer as sqliteInteger, sqliteTable, text as sqliteText } from 'sluice/sqlite-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hostileCorpus } from '../stress/hostile-corpus.js';
import { behaviourTargets, openBehaviourTarget, StatementLog, type BehaviourTarget } from '../support/behaviour.js';
import { hostileDdl, hostileTables, type HostileDb, rawRows } from '../support/hostile-tables.js';

const pgTargets = behaviourTargets().filter((t) => t.dialect === 'pg' && t.name !== 'cockroach');
const sqliteTargets = behaviourTargets().filter((t) => t.dialect === 'sqlite');

const nulT = pgTable('nul_t', {
  id: integer('id').primaryKey(),
  s: text('s'),
  v: varchar('v', { length: 20 }),
  c: char('c', { length: 5 }),
  tags: text('tags').array(),
  doc: json('doc'),
  docb: jsonb('docb'),
  bin: bytea('bin'),
});
const nulDdl = 'create table nul_t (id integer primary key, s text, v varchar(20), c char(5), tags text[], doc json, docb jsonb, bin bytea)';

describe.each(pgTargets)('NUL on PostgreSQL ($name)', ({ name }) => {
  let target: BehaviourTarget;
  let db: HostileDb;
  const log = new StatementLog();
  beforeAll(async () => {
    target = await openBehaviourTarget(name);
    await target.exec(nulDdl);
    db = await target.open({ logger: log });
  });
  beforeEach(async () => {
    await target.exec('delete from nul_t');
    log.last = [];
  });
  afterAll(() => target?.close());

  it('text, varchar, char, text[] and jsonb values holding NUL are refused before sending, naming table and column', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ s: 'a\0b' }, 's'],
      [{ v: '\0' }, 'v'],
      [{ c: 'x\0' }, 'c'],
      [{ tags: ['ok', 'b\0d'] }, 'tags'],
      [{ docb: { nested: ['x\0'] } }, 'docb'],
    ];
    for (const [values, column] of cases) {
      const err = await db
        .insert(nulT)
        .values({ id: 1, ...values })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnstorableStringError);
      expect(err).toMatchObject({ table: 'nul_t', column, message: `pg: "nul_t"."${column}" cannot hold the NUL character (\\0): PostgreSQL ${column === 'docb' ? 'jsonb' : 'text'} cannot store it; store such data as bytea` });
    }
    await expect(db.update(nulT).set({ s: '\0' }).where(eq(nulT.id, 1))).rejects.toThrow(/"nul_t"\."s" cannot hold the NUL character/);
    await expect(db.select().from(nulT).where(eq(nulT.v, 'a\0'))).rejects.toThrow(/"nul_t"\."v" cannot hold the NUL character/);
    const prepared = db
      .insert(nulT)
      .values({ id: placeholder('id'), s: placeholder('s') })
      .prepare('insert_nul');
    await expect(prepared.execute({ id: 1, s: 'a\0' })).rejects.toThrow(/"nul_t"\."s" cannot hold the NUL character/);
    // A value bound to no column: the parameter is named instead.
    await expect(rawRows(db, 'pg', sql`select ${'a\0'}::text as x`)).rejects.toThrow(new UnstorableStringError('pg: the string for parameter 1 holds the NUL character (\\0), which text cannot store', undefined, undefined));
    // Nothing reached the database.
    expect(log.last).toEqual([]);
    expect(await db.$count(nulT)).toBe(0);
  });

  it('NUL round-trips in json and bytea, and the six characters \\u0000 in jsonb are not NUL', async () => {
    const bin = Buffer.from([0x61, 0, 0x62, 0, 0]);
    await db.insert(nulT).values({ id: 1, doc: { v: 'a\0b' }, docb: { v: '\\u0000', w: '\\\\u0000' }, bin, s: 'no nul here' });
    const [row] = await db.select({ doc: nulT.doc, docb: nulT.docb, bin: nulT.bin, s: nulT.s }).from(nulT);
    expect(row).toEqual({ doc: { v: 'a\0b' }, docb: { v: '\\u0000', w: '\\\\u0000' }, bin, s: 'no nul here' });
  });

  it('inlineParams() writes arrays with quotes and backslashes, and bytes, as literals that keep every character', async () => {
    const arr = ["a'b", 'c"d', 'e\\f', "'); drop table nul_t; --", 'NULL', '{x,y}'];
    const [row] = await rawRows(db, 'pg', sql`select ${sql.param(arr)}::text[] as ${sql.identifier('x')}, ${sql.param(Buffer.from([0, 1, 255]))}::bytea as ${sql.identifier('b')}`.inlineParams());
    expect(row!.x).toEqual(arr);
    expect(Buffer.from(row!.b as Uint8Array)).toEqual(Buffer.from([0, 1, 255]));
    expect(log.last.at(-1)!.sql).toBe(`select '{"a''b","c\\"d","e\\\\f","''); drop table nul_t; --","NULL","{x,y}"}'::text[] as "x", '\\x0001ff'::bytea as "b"`);
    await expect(async () => await rawRows(db, 'pg', sql`select ${'a\0'} as x`.inlineParams())).rejects.toThrow(UnstorableStringError);
  });

  if (name === 'pglite') {
    // PGlite decodes text with TextDecoder's defaults (`ignoreBOM: false`), inside PGlite where
    // sluice cannot reach. When this fails, PGlite keeps the character: drop the exclusion in
    // test/stress/hostile-suite.ts.
    it('PGlite drops a leading U+FEFF from text it reads (a PGlite limitation, recorded here)', async () => {
      await db.insert(nulT).values({ id: 1, s: '\ufeffa\ufeff' });
      expect((await db.select({ s: nulT.s }).from(nulT))[0]!.s).toBe('a\ufeff');
      expect((await rawRows(db, 'pg', sql`select octet_length(s) as n from nul_t`))[0]!.n).toBe(7);
    });
  }
});

const blobT = sqliteTable('blob_t', { id: sqliteInteger('id').primaryKey(), s: sqliteText('s'), doc: sqliteText('doc', { mode: 'json' }), bin: blob('bin') });

describe.each(sqliteTargets)('NUL on SQLite ($name)', ({ name }) => {
  let target: BehaviourTarget;
  let db: HostileDb;
  const log = new StatementLog();
  beforeAll(async () => {
    target = await openBehaviourTarget(name);
    await target.exec('create table blob_t (id integer primary key, s text, doc text, bin blob)');
    db = await target.open({ logger: log });
  });
  afterAll(() => target?.close());

  it('NUL round-trips in blobs and JSON text; in text on better-sqlite3, and libsql, which would read it back cut, refuses it', async () => {
    const bin = Buffer.from([0, 0x61, 0]);
    await db.insert(blobT).values({ id: 1, doc: { v: 'a\0b' }, bin });
    const [row] = await db.select({ doc: blobT.doc, bin: blobT.bin }).from(blobT).where(eq(blobT.id, 1));
    expect(row!.doc).toEqual({ v: 'a\0b' });
    expect(Buffer.from(row!.bin as Uint8Array)).toEqual(bin);
    const inserted = await db
      .insert(blobT)
      .values({ id: 2, s: 'a\0b' })
      .catch((e: unknown) => e);
    if (name === 'libsql') {
      expect(inserted).toBeInstanceOf(SluiceError);
      expect((inserted as Error).cause).toBeInstanceOf(UnstorableStringError);
      expect((inserted as Error).message).toContain('libsql cannot send parameter 2: the string holds the NUL character (\\0), and libsql reads text back only up to it; store such data as a blob');
      expect(await db.$count(blobT)).toBe(1);
    } else {
      expect(inserted).not.toBeInstanceOf(Error);
      expect((await db.select({ s: blobT.s }).from(blobT).where(eq(blobT.id, 2)))[0]!.s).toBe('a\0b');
    }
  });

  if (name === 'better-sqlite3') {
    it('inlineParams() writes text holding NUL as its bytes cast to text, which keeps every character', async () => {
      const v = "a\0'b\0";
      expect((await rawRows(db, 'sqlite', sql`select ${v} as ${sql.identifier('x')}`.inlineParams()))[0]!.x).toBe(v);
      expect(log.last.at(-1)!.sql).toBe(`select cast(X'${Buffer.from(v).toString('hex')}' as text) as "x"`);
    });
  }
});

describe.each(behaviourTargets().filter((t) => t.name !== 'cockroach'))('hostile strings on $name', ({ name, dialect }) => {
  let target: BehaviourTarget;
  let db: HostileDb;
  const log = new StatementLog();
  const t = hostileTables(dialect);
  const refusesNul = dialect === 'pg' || name === 'libsql';
  const values = hostileCorpus({ size: 300, long: 0 }).filter((s) => !(refusesNul && s.includes('\0')) && !(name === 'pglite' && s.startsWith('\ufeff')));
  beforeAll(async () => {
    target = await openBehaviourTarget(name);
    await target.exec(hostileDdl(dialect));
    db = await target.open({ schema: t, logger: log });
  });
  afterAll(() => target?.close());

  it('a string with a lone surrogate, which UTF-8 cannot carry, is refused before sending instead of stored as U+FFFD', async () => {
    const h = t.hostile;
    log.last = [];
    for (const v of ['\ud800', 'a\ud83dz', '\ude00b', '😀'.slice(0, 1)]) {
      await expect(db.insert(h).values({ id: 1, s: v })).rejects.toThrow(UnstorableStringError);
      await expect(db.select().from(h).where(eq(h.s, v))).rejects.toThrow(/holds a lone surrogate \(\\ud[8-f][0-9a-f]{2} at index \d\), which UTF-8 cannot encode/);
      await expect(rawRows(db, dialect, sql`select ${v} as x`)).rejects.toThrow(/parameter 1 holds a lone surrogate/);
    }
    expect(log.last).toEqual([]);
    // A whole pair is a character like any other.
    await db.insert(h).values({ id: 1, s: '😀' });
    expect((await db.select({ s: h.s }).from(h).where(eq(h.s, '😀')))[0]!.s).toBe('😀');
    await db.delete(h);
  });

  it('a few hundred corpus strings round-trip through insert, JSON, inArray and eq, and the statements never hold them', async () => {
    const h = t.hostile;
    log.last = [];
    await db.insert(h).values(values.map((v, i) => ({ id: i + 1, s: v, doc: { v } })));
    const rows = await db.select({ id: h.id, s: h.s, doc: h.doc }).from(h).orderBy(h.id);
    expect(rows).toEqual(values.map((v, i) => ({ id: i + 1, s: v, doc: { v } })));
    expect((await db.select({ id: h.id }).from(h).where(inArray(h.s, values))).length).toBe(values.length);
    for (const [i, v] of values.entries()) expect((await db.select({ id: h.id }).from(h).where(eq(h.s, v))).map((r) => r.id)).toEqual([i + 1]);
    const template = db.select({ id: h.id }).from(h).where(eq(h.s, 'x')).toSQL().sql;
    expect(log.last.slice(3).every((s) => s.sql === template)).toBe(true);
    expect(log.last).toHaveLength(3 + values.length);
    expect(await db.$count(t.canary)).toBe(3);
  });
});
