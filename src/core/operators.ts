import { Column, type GetColumnData } from './column.js';
import { SchemaError, UnsupportedError } from './errors.js';
import { DialectSQL } from './render.js';
import { bindIfParam, Param, Placeholder, SQL, StringChunk, type ComparisonOp, type SQLWrapper } from './sql.js';

/** A value comparable with a column, or an expression in its place. */
type Operand<TLeft> = TLeft extends Column ? GetColumnData<TLeft, 'raw'> | SQLWrapper | Placeholder : TLeft extends SQL.Aliased<infer T> | SQL<infer T> ? T | SQLWrapper | Placeholder : unknown;

type Left = Column | SQL | SQL.Aliased | SQLWrapper;

const EQ = new StringChunk(' = ');
const NE = new StringChunk(' <> ');
const GT = new StringChunk(' > ');
const GTE = new StringChunk(' >= ');
const LT = new StringChunk(' < ');
const LTE = new StringChunk(' <= ');
const LIKE = new StringChunk(' like ');
const NOT_LIKE = new StringChunk(' not like ');

/**
 * Rejects a missing left operand: from plain JavaScript, `eq(users.nmae, 1)` passes `undefined`,
 * which would otherwise fail later with an error that names neither the operator nor the column.
 */
function operand<T>(value: T, operator: string): T {
  if (value === undefined || value === null) {
    throw new SchemaError(`${operator}(): the column or expression is ${value === null ? 'null' : 'undefined'} (is the column name misspelt?)`);
  }
  return value;
}

function bin(left: Left, op: StringChunk, right: unknown, operator: string, kind: ComparisonOp): SQL {
  operand(left, operator);
  // A placeholder compared with a column is filled like the column's values: encoded and checked.
  const bound = left instanceof Column ? (right instanceof Placeholder ? new Param(right, left) : bindIfParam(right, left)) : bindIfParam(right);
  return new SQL([left, op, bound], { kind: 'comparison', op: kind, left, right: bound });
}

/** `left = right` */
export function eq<TLeft extends Left>(left: TLeft, right: Operand<TLeft>): SQL {
  return bin(left, EQ, right, 'eq', '=');
}
/** `left <> right` */
export function ne<TLeft extends Left>(left: TLeft, right: Operand<TLeft>): SQL {
  return bin(left, NE, right, 'ne', '<>');
}
/** `left > right` */
export function gt<TLeft extends Left>(left: TLeft, right: Operand<TLeft>): SQL {
  return bin(left, GT, right, 'gt', '>');
}
/** `left >= right` */
export function gte<TLeft extends Left>(left: TLeft, right: Operand<TLeft>): SQL {
  return bin(left, GTE, right, 'gte', '>=');
}
/** `left < right` */
export function lt<TLeft extends Left>(left: TLeft, right: Operand<TLeft>): SQL {
  return bin(left, LT, right, 'lt', '<');
}
/** `left <= right` */
export function lte<TLeft extends Left>(left: TLeft, right: Operand<TLeft>): SQL {
  return bin(left, LTE, right, 'lte', '<=');
}

/** `column like pattern` (case-sensitive on PostgreSQL). */
export function like(left: Left, pattern: string | SQLWrapper | Placeholder): SQL {
  return new SQL([operand(left, 'like'), LIKE, bindIfParam(pattern)]);
}
/** `column not like pattern` */
export function notLike(left: Left, pattern: string | SQLWrapper | Placeholder): SQL {
  return new SQL([operand(left, 'notLike'), NOT_LIKE, bindIfParam(pattern)]);
}

function ilikeSQL(left: Left, pattern: unknown, negate: boolean): SQL {
  operand(left, negate ? 'notIlike' : 'ilike');
  const p = bindIfParam(pattern);
  return new SQL([
    new DialectSQL((d) =>
      d.supportsILike ? new SQL([left, new StringChunk(negate ? ' not ilike ' : ' ilike '), p]) : new SQL([new StringChunk('lower('), left, new StringChunk(negate ? ') not like lower(' : ') like lower('), p, new StringChunk(')')]),
    ),
  ]);
}
/** Case-insensitive `like`: `ilike` on PostgreSQL, `lower(x) like lower(y)` elsewhere. */
export function ilike(left: Left, pattern: string | SQLWrapper | Placeholder): SQL {
  return ilikeSQL(left, pattern, false);
}
/** Case-insensitive `not like`. */
export function notIlike(left: Left, pattern: string | SQLWrapper | Placeholder): SQL {
  return ilikeSQL(left, pattern, true);
}

function list<TLeft extends Left>(left: TLeft, values: readonly unknown[] | SQLWrapper | Placeholder, negate: boolean): SQL {
  operand(left, negate ? 'notInArray' : 'inArray');
  if (values === undefined || values === null) throw new SchemaError(`${negate ? 'notInArray' : 'inArray'}(): the values are ${values === null ? 'null' : 'undefined'}; pass an array, a subquery or a placeholder`);
  if (Array.isArray(values)) {
    if (values.length === 0) return new SQL([new DialectSQL((d) => new SQL([new StringChunk(negate ? (d.alwaysTrue ?? 'true') : (d.alwaysFalse ?? 'false'))]))]);
    const enc = left instanceof Column ? left : undefined;
    return new SQL([left, new StringChunk(negate ? ' not in ' : ' in '), values.map((v) => bindIfParam(v, enc))]);
  }
  return new SQL([left, new StringChunk(negate ? ' not in ' : ' in '), bindIfParam(values)]);
}
/** `column in (...)`; an empty list is `false`. Takes a list, a subquery or a placeholder. */
export function inArray<TLeft extends Left>(left: TLeft, values: readonly Operand<TLeft>[] | SQLWrapper | Placeholder): SQL {
  return list(left, values as readonly unknown[], false);
}
/** `column not in (...)`; an empty list is `true`. */
export function notInArray<TLeft extends Left>(left: TLeft, values: readonly Operand<TLeft>[] | SQLWrapper | Placeholder): SQL {
  return list(left, values as readonly unknown[], true);
}

/** `value is null` */
export function isNull(value: Left): SQL {
  return new SQL([operand(value, 'isNull'), new StringChunk(' is null')]);
}
/** `value is not null` */
export function isNotNull(value: Left): SQL {
  return new SQL([operand(value, 'isNotNull'), new StringChunk(' is not null')]);
}

/** `value between min and max` */
export function between<TLeft extends Left>(left: TLeft, min: Operand<TLeft>, max: Operand<TLeft>): SQL {
  operand(left, 'between');
  const enc = left instanceof Column ? left : undefined;
  return new SQL([left, new StringChunk(' between '), bindIfParam(min, enc), new StringChunk(' and '), bindIfParam(max, enc)]);
}
/** `value not between min and max` */
export function notBetween<TLeft extends Left>(left: TLeft, min: Operand<TLeft>, max: Operand<TLeft>): SQL {
  operand(left, 'notBetween');
  const enc = left instanceof Column ? left : undefined;
  return new SQL([left, new StringChunk(' not between '), bindIfParam(min, enc), new StringChunk(' and '), bindIfParam(max, enc)]);
}

/** `exists (subquery)` */
export function exists(subquery: SQLWrapper): SQL {
  return new SQL([new StringChunk('exists '), operand(subquery, 'exists')]);
}
/** `not exists (subquery)` */
export function notExists(subquery: SQLWrapper): SQL {
  return new SQL([new StringChunk('not exists '), operand(subquery, 'notExists')]);
}

function combine(op: string, conditions: (SQLWrapper | undefined)[]): SQL | undefined {
  const parts = conditions.filter((c): c is SQLWrapper => c !== undefined);
  if (parts.length === 0) return undefined;
  // One condition renders as itself, so it means what it meant.
  if (parts.length === 1) return new SQL([parts[0]], parts[0] instanceof SQL ? parts[0].node : undefined);
  const chunks: unknown[] = [new StringChunk('(')];
  parts.forEach((p, i) => {
    if (i > 0) chunks.push(new StringChunk(op));
    chunks.push(p);
  });
  chunks.push(new StringChunk(')'));
  return new SQL(chunks);
}
/** All conditions; `undefined` ones are skipped, so conditional filters compose. */
export function and(...conditions: (SQLWrapper | undefined)[]): SQL | undefined {
  return combine(' and ', conditions);
}
/** Any condition; `undefined` ones are skipped. */
export function or(...conditions: (SQLWrapper | undefined)[]): SQL | undefined {
  return combine(' or ', conditions);
}
/** `not (condition)` */
export function not(condition: SQLWrapper): SQL {
  return new SQL([new StringChunk('not ('), operand(condition, 'not'), new StringChunk(')')]);
}

/** Ascending order: `column asc`. */
export function asc(column: Left): SQL {
  return new SQL([operand(column, 'asc'), new StringChunk(' asc')], { kind: 'ordering', direction: 'asc', expr: column });
}
/** Descending order: `column desc`. */
export function desc(column: Left): SQL {
  return new SQL([operand(column, 'desc'), new StringChunk(' desc')], { kind: 'ordering', direction: 'desc', expr: column });
}

function arrayOp(op: string, column: Left, values: unknown, operator: string): SQL {
  operand(column, operator);
  const right = Array.isArray(values) ? new Param(values, column instanceof Column ? column : undefined) : bindIfParam(values);
  return new SQL([
    new DialectSQL((d) => {
      if (!d.supportsArrays) throw new UnsupportedError(`${d.name}: array operators exist only on PostgreSQL and CockroachDB`);
      return new SQL([column, new StringChunk(op), right]);
    }),
  ]);
}
/** PostgreSQL `column @> array`: the column holds every value. */
export function arrayContains<TLeft extends Left>(column: TLeft, values: Operand<TLeft> | SQLWrapper): SQL {
  return arrayOp(' @> ', column, values, 'arrayContains');
}
/** PostgreSQL `column <@ array`: every value of the column is in the array. */
export function arrayContained<TLeft extends Left>(column: TLeft, values: Operand<TLeft> | SQLWrapper): SQL {
  return arrayOp(' <@ ', column, values, 'arrayContained');
}
/** PostgreSQL `column && array`: they share a value. */
export function arrayOverlaps<TLeft extends Left>(column: TLeft, values: Operand<TLeft> | SQLWrapper): SQL {
  return arrayOp(' && ', column, values, 'arrayOverlaps');
}
