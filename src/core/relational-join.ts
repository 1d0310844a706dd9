import type { AnyColumn } from './column.js';
import { SchemaError } from './errors.js';
import * as ops from './operators.js';
import type { NormalizedRelation } from './relations.js';
import { sql, type SQL } from './sql.js';
import { TableMeta, type AnyTable } from './table.js';

/** The operators a v1 `where`/`orderBy` callback receives. */
export const relationalOperators = { ...ops, sql };
export type RelationalOperators = typeof relationalOperators;

/** Re-points a relation's columns at the aliases used in the query. */
export function onColumn(ref: AnyTable, col: AnyColumn): AnyColumn {
  const key = Object.entries(col.table[TableMeta].base[TableMeta].columns).find(([, c]) => c.name === col.name)?.[0];
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

