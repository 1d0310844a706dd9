/**
 * The tables the hostile-input suites write hostile strings into, per dialect, and the paths a
 * value takes through sluice (every builder, `sql` helpers, prepared queries, relational queries).
 * Each path runs one statement, whose text must not depend on the value: values travel only as
 * parameters.
 */
import { alias, and, eq, ilike, inArray, like, ne, placeholder, sql, type SQL } from 'sluice';
import { int, json as mysqlJson, longtext, mysqlTable } from 'sluice/mysql-core';
import { integer, jsonb, pgTable, text } from 'sluice/pg-core';
import { integer as sqliteInteger, sqliteTable, text as sqliteText } from 'sluice/sqlite-core';
import { likeLiteral } from '../stress/hostile-corpus.js';
import type { BehaviourTarget, DialectName } from './behaviour.js';

export type HostileDb = Awaited<ReturnType<BehaviourTarget['open']>>;

/** The table every value goes into: `s` holds it, `u` gets it by update or upsert, `doc` inside JSON. */
export function hostileTables(dialect: DialectName) {
  if (dialect === 'mysql') {
    return {
      hostile: mysqlTable('hostile', { id: int('id').primaryKey(), s: longtext('s'), u: longtext('u'), doc: mysqlJson('doc') }),
      canary: mysqlTable('canary', { id: int('id').primaryKey(), note: longtext('note') }),
    } as unknown as ReturnType<typeof pgTables>;
  }
  if (dialect === 'sqlite') {
    return {
      hostile: sqliteTable('hostile', { id: sqliteInteger('id').primaryKey(), s: sqliteText('s'), u: sqliteText('u'), doc: sqliteText('doc', { mode: 'json' }) }),
      canary: sqliteTable('canary', { id: sqliteInteger('id').primaryKey(), note: sqliteText('note') }),
    } as unknown as ReturnType<typeof pgTables>;
  }
  return pgTables();
}

function pgTables() {
  return {
    hostile: pgTable('hostile', { id: integer('id').primaryKey(), s: text('s'), u: text('u'), doc: jsonb('doc') }),
    canary: pgTable('canary', { id: integer('id').primaryKey(), note: text('note') }),
  };
}

export type HostileTables = ReturnType<typeof pgTables>;

/**
 * DDL of the tables. MySQL compares text by collation: `utf8mb4_nopad_bin` compares bytes and
 * keeps trailing spaces significant, so `=` and `like` mean what they mean elsewhere.
 */
export function hostileDdl(dialect: DialectName): string {
  if (dialect === 'mysql') {
    const t = 'longtext character set utf8mb4 collate utf8mb4_nopad_bin';
    return `create table hostile (id int primary key, s ${t}, u ${t}, doc json) default charset utf8mb4;
create table canary (id int primary key, note ${t}) default charset utf8mb4;
insert into canary values (1, 'one'), (2, 'two'), (3, 'three');`;
  }
  const json = dialect === 'pg' ? 'jsonb' : 'text';
  return `create table hostile (id integer primary key, s text, u text, doc ${json});
create table canary (id integer primary key, note text);
insert into canary values (1, 'one'), (2, 'two'), (3, 'three');`;
}

/** Rows of `db.execute()`'s result, whatever the driver's shape. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return (Array.isArray(result[0]) ? result[0] : result) as Record<string, unknown>[];
  return (result as { rows: Record<string, unknown>[] }).rows;
}

/** Runs raw SQL returning rows: `db.all()` on SQLite, `db.execute()` elsewhere. */
export async function rawRows(db: HostileDb, dialect: DialectName, query: SQL): Promise<Record<string, unknown>[]> {
  if (dialect === 'sqlite') return (await (db as unknown as { all(q: SQL): Promise<Record<string, unknown>[]> }).all(query)) as Record<string, unknown>[];
  return rowsOf(await db.execute(query));
}

/**
 * `like` matching the value literally. SQLite has no default escape character, so the pattern
 * names one, as a user writes it; elsewhere the backslash is the default.
 */
export function likeExactly(dialect: DialectName, column: SQL | HostileTables['hostile']['s'], value: string): SQL {
  const pattern = likeLiteral(value);
  return dialect === 'sqlite' ? sql`${column} like ${pattern} escape '\\'` : like(column, pattern);
}

/** A check a path makes of its answer; a string says what went wrong. */
export type PathResult = string | undefined;

export interface ValuePath {
  name: string;
  /** Runs one statement with `value` for the row `id` (which holds `value` in `s`), checks the answer. */
  run(value: string, id: number): Promise<PathResult>;
}

const same = (what: string, got: unknown, want: unknown): PathResult => (JSON.stringify(got) === JSON.stringify(want) ? undefined : `${what}: got ${JSON.stringify(got)?.slice(0, 200)}, want ${JSON.stringify(want)?.slice(0, 200)}`);

/**
 * The paths one value takes, each one statement. `otherId` is a row whose `s` differs from every
 * value the paths are given. Case-insensitive and SQLite `like` (case-insensitive for ASCII, and
 * blind past a NUL) only have to find the row among their answers.
 */
export function valuePaths(db: HostileDb, dialect: DialectName, t: HostileTables, otherId: number): ValuePath[] {
  const h = t.hostile;
  const prepared = db
    .select({ id: h.id })
    .from(h)
    .where(eq(h.s, placeholder('v')))
    .prepare('hostile_by_value');
  const exactLike = dialect !== 'sqlite';
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
  const paths: ValuePath[] = [
    { name: 'select where eq', run: async (v, id) => same('eq', ids(await db.select({ id: h.id }).from(h).where(eq(h.s, v))), [id]) },
    {
      name: 'select where ne',
      run: async (v, id) =>
        same(
          'ne',
          ids(
            await db
              .select({ id: h.id })
              .from(h)
              .where(and(inArray(h.id, [id, otherId]), ne(h.s, v))),
          ),
          [otherId],
        ),
    },
    {
      name: 'select where like',
      run: async (v, id) => {
        const got = ids(
          await db
            .select({ id: h.id })
            .from(h)
            .where(likeExactly(dialect, h.s, v)),
        );
        return exactLike ? same('like', got, [id]) : got.includes(id) ? undefined : `like: row ${id} not among ${JSON.stringify(got)}`;
      },
    },
    {
      name: 'select where ilike',
      run: async (v, id) => {
        const got = ids(
          await db
            .select({ id: h.id })
            .from(h)
            .where(ilike(h.s, likeLiteral(v))),
        );
        return got.includes(id) || dialect === 'sqlite' ? undefined : `ilike: row ${id} not among ${JSON.stringify(got)}`;
      },
    },
    {
      name: 'select sql`` param',
      run: async (v, id) =>
        same(
          'sql param',
          await db
            .select({ id: h.id, echo: sql<string>`${v}` })
            .from(h)
            .where(eq(h.id, id)),
          [{ id, echo: v }],
        ),
    },
    { name: 'prepared placeholder', run: async (v, id) => same('prepared', ids(await prepared.execute({ v })), [id]) },
    {
      name: 'db.execute sql``',
      run: async (v, id) =>
        same(
          'execute',
          (await rawRows(db, dialect, sql`select ${h.id} as ${sql.identifier('id')} from ${h} where ${h.s} = ${v}`)).map((r) => Number(r.id)),
          [id],
        ),
    },
    {
      name: 'relational findMany',
      run: async (v, id) => same('findMany', await (db.query as unknown as Record<string, { findMany(c: unknown): Promise<unknown> }>).hostile!.findMany({ columns: { id: true, s: true }, where: { s: v } }), [{ id, s: v }]),
    },
    { name: '$count with filter', run: async (v, id) => same('$count', await db.$count(h, and(eq(h.s, v), eq(h.id, id))), 1) },
    {
      name: 'update set',
      run: async (v, id) => {
        await db.update(h).set({ u: v }).where(eq(h.id, id));
        return undefined;
      },
    },
    {
      name: 'upsert set',
      run: async (v, id) => {
        const insert = db.insert(h).values({ id, s: v });
        if (dialect === 'mysql') await (insert as unknown as { onDuplicateKeyUpdate(c: unknown): Promise<unknown> }).onDuplicateKeyUpdate({ set: { u: v } });
        else await insert.onConflictDoUpdate({ target: h.id, set: { u: v } });
        return undefined;
      },
    },
    {
      name: 'alias where eq',
      run: async (v, id) => {
        const a = alias(h, 'h2');
        return same('alias', ids(await db.select({ id: a.id }).from(a).where(eq(a.s, v))), [id]);
      },
    },
  ];
  return paths;
}

/** The paths that write `u`; their rows are read back and compared at the end. */
export const writingPaths = new Set(['update set', 'upsert set']);
