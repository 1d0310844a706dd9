import type { AnyColumn } from './column.js';
import { SchemaError } from './errors.js';
import * as ops from './operators.js';
import { aliasFor, relationJoin, relationalOperators, repoint, type RelationalOperators } from './relational-join.js';
import type { NormalizedSchema, NormalizedTable } from './relations.js';
import { DialectSQL, FromItem } from './render.js';
import { SQL, StringChunk, type SQLWrapper } from './sql.js';
import { TableMeta, type AnyTable } from './table.js';

/** A v2 object filter: `{ id: 1, name: { like: 'J%' }, OR: [...], NOT: {...}, posts: { ... } }`. */
export type ObjectFilter = {
  OR?: ObjectFilter[];
  AND?: ObjectFilter[];
  NOT?: ObjectFilter;
  RAW?: SQLWrapper | ((table: never, operators: RelationalOperators) => SQLWrapper);
  [key: string]: unknown;
};

type ColumnOps = Partial<Record<'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'like' | 'notLike' | 'ilike' | 'notIlike', unknown>> & {
  in?: unknown[];
  notIn?: unknown[];
  isNull?: boolean;
  isNotNull?: boolean;
  arrayContains?: unknown[];
  arrayContained?: unknown[];
  arrayOverlaps?: unknown[];
  OR?: ColumnOps[];
  AND?: ColumnOps[];
  NOT?: ColumnOps;
};

const TRUE = () => new SQL([new DialectSQL((d) => new SQL([new StringChunk(d.alwaysTrue ?? 'true')]))]);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof SQL) && Object.getPrototypeOf(v) === Object.prototype;
}

/** The list an `in` / `notIn` filter compares with; anything else is a mistake in the filter. */
function listOperand(v: unknown, op: string, col: AnyColumn, path: string): readonly unknown[] {
  if (!Array.isArray(v)) throw new SchemaError(`${path}: filter operator "${op}" on column "${col.name}" takes an array`);
  return v;
}

function columnFilter(col: AnyColumn, value: unknown, path: string): SQL {
  if (!isPlainObject(value)) return value === null ? ops.isNull(col) : ops.eq(col, value);
  const parts: (SQL | undefined)[] = [];
  for (const [op, v] of Object.entries(value as ColumnOps)) {
    if (v === undefined) continue;
    switch (op) {
      case 'eq':
        parts.push(v === null ? ops.isNull(col) : ops.eq(col, v));
        break;
      case 'ne':
        parts.push(v === null ? ops.isNotNull(col) : ops.ne(col, v));
        break;
      case 'gt':
        parts.push(ops.gt(col, v));
        break;
      case 'gte':
        parts.push(ops.gte(col, v));
        break;
      case 'lt':
        parts.push(ops.lt(col, v));
        break;
      case 'lte':
        parts.push(ops.lte(col, v));
        break;
      case 'like':
        parts.push(ops.like(col, v as string));
        break;
      case 'notLike':
        parts.push(ops.notLike(col, v as string));
        break;
      case 'ilike':
        parts.push(ops.ilike(col, v as string));
        break;
      case 'notIlike':
        parts.push(ops.notIlike(col, v as string));
        break;
      case 'in':
        parts.push(ops.inArray(col, listOperand(v, 'in', col, path)));
        break;
      case 'notIn':
        parts.push(ops.notInArray(col, listOperand(v, 'notIn', col, path)));
        break;
      case 'isNull':
        if (v) parts.push(ops.isNull(col));
        break;
      case 'isNotNull':
        if (v) parts.push(ops.isNotNull(col));
        break;
      case 'arrayContains':
        parts.push(ops.arrayContains(col, v));
        break;
      case 'arrayContained':
        parts.push(ops.arrayContained(col, v));
        break;
      case 'arrayOverlaps':
        parts.push(ops.arrayOverlaps(col, v));
        break;
      case 'OR':
        parts.push(ops.or(...(v as ColumnOps[]).map((x) => columnFilter(col, x, path))));
        break;
      case 'AND':
        parts.push(ops.and(...(v as ColumnOps[]).map((x) => columnFilter(col, x, path))));
        break;
      case 'NOT':
        parts.push(ops.not(columnFilter(col, v, path)));
        break;
      default:
        throw new SchemaError(`${path}: unknown filter operator "${op}" on column "${col.name}"`);
    }
  }
  return ops.and(...parts) ?? TRUE();
}

/**
 * Turns a v2 object filter into SQL against `ref` (the table or its alias in the query).
 * `counter` numbers the aliases of relation filters; it belongs to one query, so the same query
 * renders the same SQL every time (and hits the statement caches).
 */
export function buildFilter(schema: NormalizedSchema, table: NormalizedTable, ref: AnyTable, filter: ObjectFilter, path: string, counter: { n: number }): SQL {
  const parts: (SQL | undefined)[] = [];
  const cols = ref[TableMeta].columns as Record<string, AnyColumn>;
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'OR') parts.push(ops.or(...(value as ObjectFilter[]).map((f) => buildFilter(schema, table, ref, f, path, counter))));
    else if (key === 'AND') parts.push(ops.and(...(value as ObjectFilter[]).map((f) => buildFilter(schema, table, ref, f, path, counter))));
    else if (key === 'NOT') parts.push(ops.not(buildFilter(schema, table, ref, value as ObjectFilter, path, counter)));
    else if (key === 'RAW') parts.push(repoint((typeof value === 'function' ? value(cols, relationalOperators) : (value as SQLWrapper)).getSQL(), table.table, ref));
    else if (key in cols) parts.push(columnFilter(cols[key]!, value, path));
    else if (key in table.relations) {
      const rel = table.relations[key]!;
      const target = schema[rel.target]!;
      const targetRef = aliasFor(target.table, `f${++counter.n}`);
      const junction = rel.through ? aliasFor(rel.through.table, `${targetRef[TableMeta].alias}_j`) : undefined;
      const { join, where } = relationJoin(ref, rel, targetRef, junction);
      // The relation's own filter applies here as in `with`: a relation filtered to some rows
      // exists only through those.
      const own =
        rel.where === undefined
          ? undefined
          : rel.whereOnParent
            ? buildFilter(schema, table, ref, rel.where as ObjectFilter, `${path}.${key}`, counter)
            : buildFilter(schema, target, targetRef, rel.where as ObjectFilter, `${path}.${key}`, counter);
      const inner = ops.and(where, own, value === true ? undefined : buildFilter(schema, target, targetRef, value as ObjectFilter, `${path}.${key}`, counter))!;
      const chunks: unknown[] = [new StringChunk('exists (select 1 from '), new FromItem(targetRef)];
      if (junction && join) chunks.push(new StringChunk(' inner join '), new FromItem(junction), new StringChunk(' on '), join);
      chunks.push(new StringChunk(' where '), inner, new StringChunk(')'));
      parts.push(new SQL(chunks));
    } else {
      throw new SchemaError(`${path}: "${key}" is neither a column nor a relation of "${table.key}"`);
    }
  }
  return ops.and(...parts) ?? TRUE();
}
