/**
 * The hostile-input suites, run per target by hostile-input*.test.ts: a generated corpus of
 * 10,000 strings goes through every builder, the `sql` helpers, prepared and relational queries;
 * every value must come back byte for byte, every statement's text must be the builder's own
 * whatever the value (values travel only as parameters), and a canary table must keep its rows.
 * Hostile names become tables, columns, aliases and CTEs. A logger records every statement and
 * each is checked.
 */
import { alias, eq, inArray, SluiceError, sql, UnstorableStringError } from 'sluice';
import { int, mysqlTable, longtext } from 'sluice/mysql-core';
import { integer, pgTable, text } from 'sluice/pg-core';
import { integer as sqliteInteger, sqliteTable, text as sqliteText } from 'sluice/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { behaviourTargets, openBehaviourTarget, StatementLog, type BehaviourTarget, type DialectName } from '../support/behaviour.js';
import { hostileDdl, hostileTables, rawRows, valuePaths, writingPaths, type HostileDb } from '../support/hostile-tables.js';
import { figure } from './figures.js';
import { hostileCorpus, hostileIdentifiers, longHostileString } from './hostile-corpus.js';

const LONG = 3;
const corpus = hostileCorpus({ size: 10_000, long: LONG });
/**
 * PostgreSQL stores no NUL in text, and libsql reads text back only up to one: there those strings
 * are their own case (a clear error, nothing stored).
 */
const nulFreeCorpus = [...corpus.slice(0, -LONG).filter((s) => !s.includes('\0')), ...Array.from({ length: LONG }, (_, i) => longHostileString(1 << 20, 2000 + i, false))];
const OTHER = 'benign value of the other row';
/** The value of the row the paths first run on, to learn each path's statement text. */
const PROBE = 'benign probe';
const PROBE_ID = -5;

/** The targets of this run among `names`, with their dialects (server targets need their URL set). */
export function hostileTargets(names: string[]): { name: string; dialect: DialectName }[] {
  return behaviourTargets().filter((t) => names.includes(t.name));
}

/** Checks the corpus itself and records its size. */
export function corpusSuite(): void {
  it('the corpus holds at least 10,000 distinct strings, some of them 1 MiB long', () => {
    expect(new Set(corpus).size).toBe(corpus.length);
    expect(corpus.length).toBeGreaterThanOrEqual(10_000);
    expect(corpus.filter((s) => s.length >= 1 << 20)).toHaveLength(LONG);
    figure('hostile input / corpus', `${corpus.length} strings (${corpus.filter((s) => s.includes('\0')).length} with NUL, ${LONG} of 1 MiB)`);
  });
}

export interface ValueSuiteOptions {
  /**
   * Runs the one-statement paths on every n-th value only (default 1: all). PGlite runs a
   * statement in milliseconds; every value still goes through the bulk insert and inArray.
   */
  pathEvery?: number;
  /** How many of the 1 MiB strings go through (default all three). */
  longCount?: number;
}

/** Hostile values on one target: bulk insert, inArray, the one-statement paths, 1 MiB strings, literals, NUL. */
export function valueSuite({ name, dialect }: { name: string; dialect: DialectName }, options: ValueSuiteOptions = {}): void {
  describe(`hostile values on ${name}`, () => {
    const pathEvery = options.pathEvery ?? 1;
    let target: BehaviourTarget;
    let db: HostileDb;
    const log = new StatementLog();
    const t = hostileTables(dialect);
    const refusesNul = dialect === 'pg' || name === 'libsql';
    // PGlite decodes each text field with a TextDecoder that drops a leading U+FEFF (its default
    // `ignoreBOM: false`), inside PGlite where sluice cannot reach: those strings are left out there,
    // and test/behaviour/hostile-values.test.ts records the loss.
    const values = (refusesNul ? nulFreeCorpus : corpus).filter((s) => name !== 'pglite' || !s.startsWith('\ufeff'));
    const short = values.slice(0, -LONG);
    const long = values.slice(-LONG).slice(0, options.longCount ?? LONG);
    let checked = 0;

    /** Checks the statements logged since `from`: exactly `count` of them, each with the text `text`. */
    const expectStatements = (from: number, count: number, text: string, what: string) => {
      const got = log.last.slice(from);
      if (got.length !== count || got.some((s) => s.sql !== text)) {
        throw new Error(`${what}: expected ${count} statement(s) "${text.slice(0, 300)}", ran ${JSON.stringify(got.map((s) => s.sql.slice(0, 300)))}`);
      }
      checked += count;
    };

    beforeAll(async () => {
      target = await openBehaviourTarget(name);
      await target.exec(hostileDdl(dialect));
      db = await target.open({ schema: t, logger: log });
    });
    afterAll(async () => {
      figure(`hostile input / statements checked (${name})`, `${checked}`);
      if (name === 'pglite') figure('hostile input / left out on pglite (leading U+FEFF, dropped by PGlite)', `${(refusesNul ? nulFreeCorpus : corpus).length - values.length}`);
      await target?.close();
    });

    it('every value inserted in bulk and as a JSON value reads back byte for byte', async () => {
      const h = t.hostile;
      const batch = 100;
      await db.insert(h).values({ id: 0, s: OTHER, doc: { v: OTHER } });
      await db.insert(h).values({ id: PROBE_ID, s: PROBE, doc: { v: PROBE } });
      for (let start = 0; start < short.length; start += batch) {
        const end = Math.min(start + batch, short.length);
        const rows = short.slice(start, end).map((v, k) => ({ id: start + k + 1, s: v, doc: { v, list: [v, 1] } }));
        const template = db
          .insert(h)
          .values(rows.map((r) => ({ id: r.id, s: 'x', doc: { v: 'x', list: ['x', 1] } })))
          .toSQL().sql;
        const from = log.last.length;
        await db.insert(h).values(rows);
        expectStatements(from, 1, template, `insert of rows ${start + 1}..${end}`);
      }
      const rows = await db.select({ id: h.id, s: h.s, doc: h.doc }).from(h).orderBy(h.id);
      expect(rows).toHaveLength(short.length + 2);
      let bad = 0;
      for (const row of rows.slice(2)) {
        const v = short[row.id - 1]!;
        const doc = row.doc as { v: string; list: unknown[] };
        if (row.s !== v || doc.v !== v || doc.list[0] !== v) {
          bad++;
          if (bad < 5) console.log(`row ${row.id}: ${JSON.stringify(v).slice(0, 100)} came back as ${JSON.stringify(row.s).slice(0, 100)} / ${JSON.stringify(doc).slice(0, 100)}`);
        }
      }
      expect(bad).toBe(0);
      figure(`hostile input / values round-tripped (${name}) insert+json`, `${short.length * 2}`);
    });

    it('every value finds its row through inArray, in batches', async () => {
      const h = t.hostile;
      const batch = 50;
      let found = 0;
      for (let i = 0; i < short.length; i += batch) {
        const chunk = short.slice(i, Math.min(i + batch, short.length));
        const template = db
          .select({ id: h.id })
          .from(h)
          .where(
            inArray(
              h.s,
              chunk.map(() => 'x'),
            ),
          )
          .toSQL().sql;
        const from = log.last.length;
        const got = (await db.select({ id: h.id }).from(h).where(inArray(h.s, chunk))).map((r) => r.id).sort((a, b) => a - b);
        expectStatements(from, 1, template, `inArray of values ${i + 1}..`);
        expect(got).toEqual(chunk.map((_, k) => i + k + 1));
        found += got.length;
      }
      figure(`hostile input / values round-tripped (${name}) inArray`, `${found}`);
    });

    it('every value takes one of the paths (where, like, sql``, prepared, execute, findMany, $count, update, upsert, alias): one statement, the same text whatever the value', async () => {
      const paths = valuePaths(db, dialect, t, 0);
      const templates: string[] = [];
      for (const p of paths) {
        const from = log.last.length;
        const result = await p.run(PROBE, PROBE_ID);
        expect(result, p.name).toBeUndefined();
        expect(log.last.length - from, p.name).toBe(1);
        templates.push(log.last.at(-1)!.sql);
      }
      const failures: string[] = [];
      const written = new Map<number, string>();
      const h = t.hostile;
      // The paths run on groups of values, so each statement scans a thousand rows, not all of them.
      const group = 1000;
      await db.delete(h).where(
        inArray(
          h.id,
          short.map((_, i) => i + 1),
        ),
      );
      // Server targets run a few values at once; the statements are then checked as a whole.
      const lanes = dialect === 'sqlite' || name === 'pglite' ? 1 : 6;
      for (let start = 0; start < short.length; start += group) {
        const end = Math.min(start + group, short.length);
        for (let i = start; i < end; i += 100) {
          await db.insert(h).values(short.slice(i, Math.min(i + 100, end)).map((v, k) => ({ id: i + k + 1, s: v })));
        }
        const from = log.last.length;
        const expected = new Map<string, number>();
        let next = start + ((pathEvery - (start % pathEvery)) % pathEvery);
        const lane = async () => {
          while (next < end) {
            const i = next;
            next += pathEvery;
            const k = i % paths.length;
            const p = paths[k]!;
            const v = short[i]!;
            expected.set(templates[k]!, (expected.get(templates[k]!) ?? 0) + 1);
            let result: string | undefined;
            try {
              result = await p.run(v, i + 1);
            } catch (e) {
              result = `threw ${(e as Error).message.slice(0, 300)}`;
            }
            if (result) failures.push(`${p.name} with ${JSON.stringify(v).slice(0, 80)}: ${result}`);
            if (writingPaths.has(p.name)) written.set(i + 1, v);
          }
        };
        await Promise.all(Array.from({ length: lanes }, lane));
        const ran = new Map<string, number>();
        for (const st of log.last.slice(from)) ran.set(st.sql, (ran.get(st.sql) ?? 0) + 1);
        expect(ran).toEqual(expected);
        checked += [...expected.values()].reduce((a, b) => a + b, 0);
        const ids = short.slice(start, end).map((_, k) => start + k + 1);
        const back = await db.select({ id: h.id, u: h.u }).from(h).where(inArray(h.id, ids));
        for (const row of back) if (written.has(row.id) && row.u !== written.get(row.id)) failures.push(`${row.id}: wrote ${JSON.stringify(written.get(row.id)).slice(0, 80)}, read ${JSON.stringify(row.u).slice(0, 80)}`);
        expect(back).toHaveLength(end - start);
        await db.delete(h).where(inArray(h.id, ids));
      }
      expect(failures.slice(0, 20)).toEqual([]);
      figure(`hostile input / values round-tripped (${name}) where/like/sql/prepared/execute/findMany/count/update/upsert/alias`, `${Math.ceil(short.length / pathEvery)}`);
    });

    it('1 MiB strings go in, are found by equality, updated and read back byte for byte', async () => {
      const h = t.hostile;
      const base = 100_000;
      for (const [k, v] of long.entries()) {
        const id = base + k;
        await db.insert(h).values({ id, s: v, doc: { v } });
        expect((await db.select({ id: h.id }).from(h).where(eq(h.s, v))).map((r) => r.id)).toEqual([id]);
        await db.update(h).set({ u: v }).where(eq(h.id, id));
        const [row] = await db.select({ s: h.s, u: h.u, doc: h.doc }).from(h).where(eq(h.id, id));
        expect(row!.s === v && row!.u === v && (row!.doc as { v: string }).v === v).toBe(true);
        // The statements name no value: none of them is even a tenth of the string long.
        for (const s of log.last.slice(-4)) expect(s.sql.length).toBeLessThan(1000);
        checked += 4;
        await db.delete(h).where(eq(h.id, id));
      }
      figure(`hostile input / 1 MiB values round-tripped (${name})`, `${long.length * 4}`);
    });

    it('values written as literals by inlineParams() read back byte for byte', async () => {
      const sample = short.filter((_, i) => i % (10 * pathEvery) === 0);
      const failures: string[] = [];
      for (const v of sample) {
        const got = await rawRows(db, dialect, sql`select ${v} as ${sql.identifier('x')}`.inlineParams()).catch((e: Error) => e);
        if (got instanceof Error) failures.push(`${JSON.stringify(v).slice(0, 80)}: ${got.message.slice(0, 200)}`);
        else if (got[0]?.x !== v) failures.push(`${JSON.stringify(v).slice(0, 80)} came back as ${JSON.stringify(got[0]?.x).slice(0, 80)}`);
      }
      expect(failures.slice(0, 20)).toEqual([]);
      checked += sample.length;
      figure(`hostile input / literals round-tripped (${name})`, `${sample.length}`);
    });

    it('the canary table keeps its rows and no other statement ran', async () => {
      const c = t.canary;
      expect(await db.select().from(c).orderBy(c.id)).toEqual([
        { id: 1, note: 'one' },
        { id: 2, note: 'two' },
        { id: 3, note: 'three' },
      ]);
      expect(await db.$count(t.hostile)).toBe(2);
    });

    if (refusesNul) {
      it('a string with NUL is a clear error before anything is stored, naming the column on PostgreSQL', async () => {
        const nul = corpus.filter((s) => s.includes('\0')).slice(0, 200);
        const h = t.hostile;
        const before = await db.$count(h);
        const from = log.last.length;
        for (const v of nul) {
          const inserted = await db
            .insert(h)
            .values({ id: -1, s: v })
            .catch((e: unknown) => e);
          expect(inserted).toBeInstanceOf(SluiceError);
          if (dialect === 'pg') {
            // Refused while the statement is built: nothing is sent, and the error names the column.
            expect(inserted).toBeInstanceOf(UnstorableStringError);
            expect((inserted as Error).message).toMatch(/"hostile"\."s" cannot hold the NUL character/);
            await expect(db.update(h).set({ doc: { v } }).where(eq(h.id, -1))).rejects.toThrow(/"hostile"\."doc" cannot hold the NUL character/);
            await expect(db.select().from(h).where(eq(h.s, v))).rejects.toThrow(UnstorableStringError);
          } else {
            expect((inserted as Error & { cause: unknown }).cause).toBeInstanceOf(UnstorableStringError);
            expect((inserted as Error).message).toMatch(/libsql cannot send parameter 2: the string holds the NUL character/);
          }
        }
        if (dialect === 'pg') expect(log.last.length).toBe(from);
        expect(await db.$count(h)).toBe(before);
        figure(`hostile input / NUL refused before sending (${name})`, `${nul.length * (dialect === 'pg' ? 3 : 1)}`);
      });
    }
  });
}

/** Names a dialect allows for a table (PostgreSQL cuts names at 63 bytes; SQLite keeps `sqlite_` for itself). */
function allowedName(dialect: DialectName, s: string): boolean {
  if (dialect === 'pg') return Buffer.byteLength(s) <= 63;
  if (dialect === 'sqlite') return !s.toLowerCase().startsWith('sqlite_');
  return true;
}

function identifierTable(dialect: DialectName, name: string, cols: [string, string, string]) {
  const [a, b, c] = cols;
  if (dialect === 'mysql') return mysqlTable(name, { [a]: int(a).primaryKey(), [b]: longtext(b), [c]: longtext(c) }) as unknown as ReturnType<typeof pgIdentifierTable>;
  if (dialect === 'sqlite') return sqliteTable(name, { [a]: sqliteInteger(a).primaryKey(), [b]: sqliteText(b), [c]: sqliteText(c) }) as unknown as ReturnType<typeof pgIdentifierTable>;
  return pgIdentifierTable(name, cols);
}
function pgIdentifierTable(name: string, [a, b, c]: [string, string, string]) {
  return pgTable(name, { [a]: integer(a).primaryKey(), [b]: text(b), [c]: text(c) });
}

/** Hostile names on one target: `tables` tables of hostile names, with hostile columns, aliases and CTEs. */
export function nameSuite({ name, dialect }: { name: string; dialect: DialectName }, tables: number): void {
  describe(`hostile names on ${name}`, () => {
    let target: BehaviourTarget;
    let db: HostileDb;
    const log = new StatementLog();
    beforeAll(async () => {
      target = await openBehaviourTarget(name);
      db = await target.open({ logger: log });
    });
    afterAll(() => target?.close());

    it('hostile table, column, alias and CTE names are quoted: create, insert, select and the keys of the rows', async () => {
      const names = hostileIdentifiers(400).filter((s) => allowedName(dialect, s));
      const int = dialect === 'mysql' ? sql.raw('int') : sql.raw('integer');
      const textType = dialect === 'mysql' ? sql.raw('longtext') : sql.raw('text');
      let exercised = 0;
      let statements = 0;
      for (let i = 0; i < tables; i++) {
        const [tn, a, b, c, a1, a2, a3, cte, sub] = names.slice(i * 9, i * 9 + 9) as [string, string, string, string, string, string, string, string, string];
        await db.execute(sql`create table ${sql.identifier(tn)} (${sql.identifier(a)} ${int} primary key, ${sql.identifier(b)} ${textType}, ${sql.identifier(c)} ${textType})`);
        const table = identifierTable(dialect, tn, [a, b, c]);
        const cols = table as unknown as Record<string, import('sluice').AnyColumn>;
        const from = log.last.length;
        await db.insert(table).values({ [a]: 1, [b]: b, [c]: tn } as never);
        expect(await db.select().from(table)).toEqual([{ [a]: 1, [b]: b, [c]: tn }]);
        const subquery = db
          .select({ [a1]: cols[b]!, [a2]: sql<string>`${cols[c]!}`.as(a2) })
          .from(table)
          .as(sub);
        expect(await db.select().from(subquery)).toEqual([{ [a1]: b, [a2]: tn }]);
        const aliased = alias(table, a3);
        expect(
          await db
            .select({ [a3]: (aliased as unknown as Record<string, import('sluice').AnyColumn>)[c]! })
            .from(aliased)
            .where(eq((aliased as unknown as Record<string, import('sluice').AnyColumn>)[b]!, b)),
        ).toEqual([{ [a3]: tn }]);
        const w = db.$with(cte).as(db.select({ [a1]: cols[c]! }).from(table));
        expect(await db.with(w).select().from(w)).toEqual([{ [a1]: tn }]);
        const quote = dialect === 'mysql' ? (s: string) => `\`${s.replaceAll('`', '``')}\`` : (s: string) => `"${s.replaceAll('"', '""')}"`;
        const ran = log.last.slice(from);
        expect(ran).toHaveLength(5);
        for (const s of ran) expect(s.sql).toContain(quote(tn));
        expect(ran[2]!.sql).toContain(quote(sub));
        expect(ran[3]!.sql).toContain(quote(a3));
        expect(ran[4]!.sql).toContain(quote(cte));
        statements += ran.length;
        await db.execute(sql`drop table ${sql.identifier(tn)}`);
        exercised += 9;
      }
      figure(`hostile input / identifiers exercised (${name})`, `${exercised} names in ${statements} statements`);
    });
  });
}
