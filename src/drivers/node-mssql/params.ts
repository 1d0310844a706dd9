import mssql, { type ISqlType } from 'mssql';
import { SluiceError } from '../../core/errors.js';

/**
 * Parameters travel with an explicit type chosen from the JavaScript value. Left to itself the
 * `mssql` package would pick the same for most values, but it sends every string as
 * `nvarchar(<its length>)`, so one statement with different string lengths compiles a new plan
 * per length; `nvarchar(max)` keeps one plan per statement text. Dates go as `datetime2(7)`, not
 * `datetime` (3.33 ms steps), so nothing is rounded on the way.
 */

const NVARCHAR_MAX = mssql.NVarChar(mssql.MAX);
const NVARCHAR_NULL = mssql.NVarChar(1);
const INT = mssql.Int();
const BIGINT = mssql.BigInt();
const FLOAT = mssql.Float();
const BIT = mssql.Bit();
const DATETIME2 = mssql.DateTime2(7);
const VARBINARY_MAX = mssql.VarBinary(mssql.MAX);

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;

/** A value with the SQL Server type it is sent as. */
export interface TypedParam {
  type: ISqlType;
  value: unknown;
}

/** The type name a bound parameter is sent as (`NVarChar(max)`, `Int`, ...), for tests and errors. */
export function describeType(type: ISqlType): string {
  const t = type as ISqlType & { length?: number; scale?: number };
  const name = (t.type as { declaration?: string; name?: string }).declaration ?? (t.type as { name?: string }).name ?? 'unknown';
  if (t.length !== undefined) return `${name}(${t.length === mssql.MAX ? 'max' : t.length})`;
  if (t.scale !== undefined) return `${name}(${t.scale})`;
  return name;
}

/**
 * The type a value is sent as, and the value as sent:
 * string → nvarchar(max); a safe integer → int, or bigint beyond int's range; any other number →
 * float; bigint → bigint (text beyond 64 bits, which the server converts for a decimal column);
 * boolean → bit; Date → datetime2(7); Buffer or Uint8Array → varbinary(max); null → a null
 * nvarchar, which converts to any column type; other objects and arrays → their JSON text.
 */
export function typedParam(value: unknown, index: number): TypedParam {
  switch (typeof value) {
    case 'string':
      return { type: NVARCHAR_MAX, value };
    case 'number':
      if (Number.isSafeInteger(value)) return { type: value >= INT_MIN && value <= INT_MAX ? INT : BIGINT, value };
      // SQL Server's float has no NaN or infinities, and mssql would quietly send NaN as null.
      if (!Number.isFinite(value)) throw new SluiceError(`node-mssql: parameter @p${index + 1} is ${value}, which SQL Server cannot store`);
      return { type: FLOAT, value };
    case 'bigint':
      if (value >= BIGINT_MIN && value <= BIGINT_MAX) return { type: BIGINT, value };
      return { type: NVARCHAR_MAX, value: value.toString() };
    case 'boolean':
      return { type: BIT, value };
    case 'undefined':
      return { type: NVARCHAR_NULL, value: null };
    case 'object':
      if (value === null) return { type: NVARCHAR_NULL, value: null };
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new SluiceError(`node-mssql: parameter @p${index + 1} is an invalid Date`);
        return { type: DATETIME2, value };
      }
      if (value instanceof Uint8Array) return { type: VARBINARY_MAX, value: Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength) };
      return { type: NVARCHAR_MAX, value: JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) };
    default:
      throw new SluiceError(`node-mssql: parameter @p${index + 1} is a ${typeof value}, which cannot be sent to SQL Server`);
  }
}

/** What `typedParam` binds to: a request's `input(name, type, value)`. */
export interface ParamTarget {
  input(name: string, type: ISqlType, value: unknown): unknown;
}

/** Binds `params` as `@p1` ... `@pn`, the names the dialect renders. */
export function bindParams(request: ParamTarget, params: readonly unknown[]): void {
  for (let i = 0; i < params.length; i++) {
    const { type, value } = typedParam(params[i], i);
    request.input(`p${i + 1}`, type, value);
  }
}
