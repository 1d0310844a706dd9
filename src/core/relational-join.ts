import { Column, type AnyColumn } from './column.js';
import { SchemaError } from './errors.js';
import * as ops from './operators.js';
import type { NormalizedRelation } from './relations.js';
import { DialectSQL, isRenderableQuery } from './render.js';
import { sql, SQL, type SQLWrapper } from './sql.js';
import { alias, Table, TableMeta, type AnyTable } from './table.js';

/** The operators a v1 `where`/`orderBy` callback receives. */
export const relationalOperators = { ...ops, sql };
export type RelationalOperators = typeof relationalOperators;

/**
 * The table under an alias of a relational query. Alias names follow the query's shape, so the
 * same query asks for the same names: each is made once per table and reused, with its render
 * caches, instead of cloning the table's columns on every call.
 */
export function aliasFor(table: AnyTable, name: string): AnyTable {
  const cache = table[TableMeta].cache;
  const key = `rqb:alias:${name}`;
  let t = cache.get(key) as AnyTable | undefined;
  if (t === undefined) {
    t = alias(table, name) as unknown as AnyTable;
    cache.set(key, t);
  }
  return t;
}

/** Re-points a relation's columns at the aliases used in the query. */
export function onColumn(ref: AnyTable, col: AnyColumn): AnyColumn {
  // By identity first: a view may expose two columns of one name (`users.id`, `posts.id`).
  const base = Object.entries(col.table[TableMeta].base[TableMeta].columns);
  const key = (base.find(([, c]) => c === col) ?? base.find(([, c]) => c instanceof Column && c.name === col.name))?.[0];
  const found = key !== undefined ? (ref[TableMeta].columns[key] as AnyColumn | undefined) : undefined;
  if (!found) throw new SchemaError(`relation column "${col.name}" is not on table "${ref[TableMeta].name}"`);
  return found;
}

/** The condition joining a relation's target (or junction) to its parent. */
export function relationJoin(parentRef: AnyTable, rel: NormalizedRelation, targetRef: AnyTable, junction: AnyTable | undefined): { join: SQL | undefined; where: SQL } {
  if (rel.through && junction) {
    const join = ops.and(...rel.through.targetColumns.map((jc, i) => ops.eq(onColumn(junction, jc), onColumn(targetRef, rel.targetColumns[i]!))))!;
    const where = ops.and(...rel.through.sourceColumns.map((jc, i) => ops.eq(onColumn(junction, jc), onColumn(parentRef, rel.sourceColumns[i]!))))!;
    return { join, where };
  }
  return { join: undefined, where: ops.and(...rel.targetColumns.map((tc, i) => ops.eq(onColumn(targetRef, tc), onColumn(parentRef, rel.sourceColumns[i]!))))! };
}

/**
 * Re-points the columns of `base` in an expression at `ref`, the alias that one level of a
 * relational query reads the table as. Users write filters, orders and extras against the table
 * object (`eq(posts.id, 1)`); in the statement that table is an alias, so `"posts"."id"` would
 * name nothing (or, on a self relation, the wrong row). Nested queries keep their own scope and
 * are left alone; the user's objects are never mutated.
 */
export function repoint<T>(value: T, base: AnyTable, ref: AnyTable): T {
  if (ref === base) return value;
  return repointChunk(value, base, ref, columnKeys(base)) as T;
}

function columnKeys(base: AnyTable): Map<AnyColumn, string> {
  const cache = base[TableMeta].cache;
  let keys = cache.get('rqb:columnKeys') as Map<AnyColumn, string> | undefined;
  if (keys === undefined) {
    keys = new Map(Object.entries(base[TableMeta].columns).map(([k, c]) => [c as AnyColumn, k]));
    cache.set('rqb:columnKeys', keys);
  }
  return keys;
}

function repointChunk(c: unknown, base: AnyTable, ref: AnyTable, keys: Map<AnyColumn, string>): unknown {
  if (c instanceof Column) {
    const key = c.table === base ? keys.get(c) : undefined;
    return key === undefined ? c : ref[TableMeta].columns[key];
  }
  if (c instanceof SQL) {
    const out = new SQL(c.chunks.map((x) => repointChunk(x, base, ref, keys)));
    out.decoder = c.decoder;
    out.shouldInline = c.shouldInline;
    return out;
  }
  if (c instanceof SQL.Aliased) return new SQL.Aliased(repointChunk(c.sql, base, ref, keys) as SQL, c.fieldAlias);
  if (Array.isArray(c)) return c.map((x) => repointChunk(x, base, ref, keys));
  if (c instanceof DialectSQL) return new DialectSQL((d) => repointChunk(c.build(d), base, ref, keys) as SQL);
  if (c instanceof Table) return c === base ? ref : c;
  if (c === null || typeof c !== 'object' || isRenderableQuery(c)) return c;
  if (typeof (c as SQLWrapper).getSQL === 'function') return repointChunk((c as SQLWrapper).getSQL(), base, ref, keys);
  return c;
}
