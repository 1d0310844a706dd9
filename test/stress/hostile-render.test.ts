/**
 * Hostile input through the SQL Server and CockroachDB renderers, without a server: with every
 * corpus string as a value, each statement's text is the one a benign value gives (values travel
 * only as parameters, and each comes out as the parameter it went in as); with hostile names, the
 * text quotes them as the dialect does (`[a]]b]`, `"a""b"`).
 */
import { and, type AnyColumn, eq, ilike, inArray, like, ne, sql } from 'sluice';
import { cockroachTable, int4, jsonb as crdbJsonb, text as crdbText } from 'sluice/cockroach-core';
import { int, mssqlTable, nvarchar } from 'sluice/mssql-core';
import { describe, expect, it } from 'vitest';
import { renderOnly } from '../cockroach/support.js';
import { mssqlRenderDb } from '../support/mssql-render.js';
import { figure } from './figures.js';
import { hostileCorpus, hostileIdentifiers, likeLiteral } from './hostile-corpus.js';

const corpus = hostileCorpus({ size: 10_000, long: 1 });
const names = hostileIdentifiers(300);

interface Query {
  toSQL(): { sql: string; params: unknown[] };
}

/** The statements a value goes through, each as a function of the value. */
function statements(db: ReturnType<typeof mssqlRenderDb>['db'] | ReturnType<typeof renderOnly>, t: { id: never; s: never; doc: never }, upsert: (v: string) => Query): ((v: string) => Query)[] {
  const d = db as unknown as ReturnType<typeof renderOnly>;
  const h = t as unknown as ReturnType<typeof crdbTables>;
  return [
    (v) => d.insert(h).values({ id: 1, s: v, doc: { v } }),
    (v) => d.update(h).set({ s: v }).where(eq(h.s, v)),
    (v) =>
      d
        .select({ id: h.id, echo: sql<string>`${v}` })
        .from(h)
        .where(and(ne(h.s, v), like(h.s, likeLiteral(v)), ilike(h.s, v), inArray(h.s, [v, v]))),
    (v) => d.delete(h).where(eq(h.s, v)),
    upsert,
  ];
}

function crdbTables() {
  return cockroachTable('hostile', { id: int4('id').primaryKey(), s: crdbText('s'), doc: crdbJsonb('doc') });
}

/** Runs every corpus value through the statements; returns how many statements were checked. */
function checkValues(make: ((v: string) => Query)[]): number {
  const templates = make.map((f) => f('benign').toSQL());
  let checked = 0;
  const failures: string[] = [];
  for (const v of corpus) {
    make.forEach((f, k) => {
      const q = f(v).toSQL();
      checked++;
      if (q.sql !== templates[k]!.sql) failures.push(`statement ${k} with ${JSON.stringify(v).slice(0, 60)}: ${q.sql.slice(0, 200)}`);
      // The value is one of the parameters, as it was given or inside its JSON.
      else if (!q.params.some((p) => p === v || (typeof p === 'string' && p.includes(JSON.stringify(v).slice(1, -1))))) failures.push(`statement ${k}: ${JSON.stringify(v).slice(0, 60)} is not among the parameters`);
    });
  }
  expect(failures.slice(0, 10)).toEqual([]);
  return checked;
}

describe('SQL Server renderer', () => {
  const { db } = mssqlRenderDb();
  const t = mssqlTable('hostile', { id: int('id').primaryKey(), s: nvarchar('s'), doc: nvarchar('doc', { mode: 'json' }) });

  it('values never appear in the statement text', () => {
    const upsert = (v: string) =>
      db
        .insert(t)
        .values({ id: 1, s: v })
        .onConflictDoUpdate({ target: t.id, set: { s: v } }) as unknown as Query;
    const checked = checkValues(statements(db, t as never, upsert));
    figure('hostile input / statements checked (mssql renderer, no server)', `${checked} (${corpus.length} values)`);
  });

  it('names are bracket-quoted, a closing bracket doubled', () => {
    const bracket = (s: string) => `[${s.replaceAll(']', ']]')}]`;
    for (let i = 0; i + 3 <= names.length; i += 3) {
      const [tn, a, b] = names.slice(i, i + 3) as [string, string, string];
      const table = mssqlTable(tn, { [a]: int(a).primaryKey(), [b]: nvarchar(b) });
      const cols = table as unknown as Record<string, AnyColumn>;
      const q = db
        .select({ [b]: cols[b]! })
        .from(table)
        .where(eq(cols[a]!, 1))
        .toSQL();
      expect(q.sql).toBe(`select ${bracket(b)} from ${bracket(tn)} where ${bracket(tn)}.${bracket(a)} = @p1`);
      expect(
        db
          .insert(table)
          .values({ [a]: 1, [b]: 'x' })
          .toSQL().sql,
      ).toBe(`insert into ${bracket(tn)} (${bracket(a)}, ${bracket(b)}) values (@p1, @p2)`);
    }
    figure('hostile input / identifiers exercised (mssql renderer)', `${names.length - (names.length % 3)}`);
  });
});

describe('CockroachDB renderer', () => {
  const db = renderOnly();
  const t = crdbTables();

  it('values never appear in the statement text', () => {
    const upsert = (v: string) =>
      db
        .insert(t)
        .values({ id: 1, s: v })
        .onConflictDoUpdate({ target: t.id, set: { s: v } });
    const checked = checkValues(statements(db, t as never, upsert));
    figure('hostile input / statements checked (cockroach renderer, no server)', `${checked} (${corpus.length} values)`);
  });

  it('names are double-quoted, a double quote doubled', () => {
    const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
    for (let i = 0; i + 3 <= names.length; i += 3) {
      const [tn, a, b] = names.slice(i, i + 3) as [string, string, string];
      const table = cockroachTable(tn, { [a]: int4(a).primaryKey(), [b]: crdbText(b) });
      const cols = table as unknown as Record<string, AnyColumn>;
      const q = db
        .select({ [b]: cols[b]! })
        .from(table)
        .where(eq(cols[a]!, 1))
        .toSQL();
      expect(q.sql).toBe(`select ${quote(b)} from ${quote(tn)} where ${quote(tn)}.${quote(a)} = $1`);
    }
    figure('hostile input / identifiers exercised (cockroach renderer)', `${names.length - (names.length % 3)}`);
  });
});
