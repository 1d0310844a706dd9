/**
 * SQL Server's serializer hooks. Choices the model leaves open:
 * - Objects without a schema are in `dbo`; `schemas` lists the exported `mssqlSchema`s but `dbo`.
 * - A type is `getSQLType()` lower-cased with SQL Server's own defaults written out, as the
 *   catalog reports them: `decimal` is `decimal(18,0)`, `decimal(6)` is `decimal(6,0)`,
 *   `datetime2`/`datetimeoffset`/`time` get their 7 fractional digits, `float(1..24)` is `real`
 *   and `float(25..53)` is `float`, and a character or binary type without a length is `(1)`.
 * - Literal defaults: strings `N'x'`, bit `1`/`0`, numbers and decimals bare, dates as ISO text
 *   in quotes, binary `0x...`. SQL defaults lose one pair of outer parentheses (`.defaultGetDate()`
 *   writes `(getdate())`, the model keeps `getdate()`), as introspection reads them back.
 * - `.identity({ seed, increment })` is `identity: { type: 'always', startWith: seed, increment }`.
 * - Primary keys are `<table>_pkey` (`<table>_<columns>_pk` for `primaryKey({ columns })`):
 *   SQL Server would name them randomly, and a key is dropped by its name.
 * - An index's method is `clustered` when asked for, else left out (nonclustered is the default).
 * - Views carry `checkOption`, `encryption`, `schemaBinding` and `viewMetadata` when true.
 */
import type { AnyColumn } from '../../../core/column.js';
import { SchemaError } from '../../../core/errors.js';
import { TableMeta } from '../../../core/table.js';
import type { SerializeOptions } from '../../../kit/dialect.js';
import type { IdentityModel, SchemaModel } from '../../../kit/model.js';
import { lowerType, serializeSchema, type DialectEntities, type SerializeHooks } from '../../../kit/serialize.js';
import { mssqlDialect } from '../dialect.js';
import { isMsSqlSchema } from '../table.js';
import { DEFAULT_SCHEMA } from './ddl-sql.js';
import { unwrap } from './introspect-normalize.js';

/**
 * The model of a SQL Server schema module's exports: schemas, tables and views.
 *
 * @example
 * const model = mssqlSerialize(Object.values(await import('./schema.js')), { casing: undefined });
 */
export function mssqlSerialize(entities: readonly unknown[], options: SerializeOptions): SchemaModel {
  const model = serializeSchema(entities, options, mssqlSerializeHooks);
  return {
    ...model,
    tables: model.tables.map((t) => ({ ...t, columns: t.columns.map((c) => (c.default === undefined || !c.default.startsWith('(') ? c : { ...c, default: unwrap(c.default) ?? c.default })) })),
  };
}

/** `getSQLType()` in the catalog's spelling. */
export function storedType(sqlType: string): string {
  const type = lowerType(sqlType).replace(/\s+/g, '');
  let m: RegExpExecArray | null;
  if ((m = /^(decimal|numeric)(?:\((\d+)(?:,(\d+))?\))?$/.exec(type))) return `${m[1]}(${m[2] ?? '18'},${m[3] ?? '0'})`;
  if ((m = /^(datetime2|datetimeoffset|time)$/.exec(type))) return `${m[1]}(7)`;
  if ((m = /^float\((\d+)\)$/.exec(type))) return Number(m[1]) <= 24 ? 'real' : 'float';
  if ((m = /^(char|varchar|nchar|nvarchar|binary|varbinary)$/.exec(type))) return `${m[1]}(1)`;
  return type;
}

function identityOf(column: AnyColumn): IdentityModel | undefined {
  const identity = column.identity;
  if (identity === undefined) return undefined;
  const seq = (identity.sequence ?? {}) as { seed?: number; increment?: number };
  return { type: 'always', name: undefined, startWith: String(seq.seed ?? 1), increment: String(seq.increment ?? 1), minValue: undefined, maxValue: undefined, cache: undefined, cycle: false };
}

const decimalType = /^(decimal|numeric)\(/;

function mssqlLiteral(column: AnyColumn, value: unknown, type: string): string {
  if (decimalType.test(type) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint')) {
    const text = String(value).trim();
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new SchemaError(`Column "${column.name}": the default ${JSON.stringify(value)} is not a ${type} number`);
    return text;
  }
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value instanceof Date || Buffer.isBuffer(value)) return mssqlDialect.inline(value);
  // JSON-mode columns store the value's text.
  if (typeof value === 'object') return mssqlDialect.inline(JSON.stringify(value));
  throw new SchemaError(`Column "${column.name}": cannot write the default ${String(value)} as SQL`);
}

function mssqlEntities(entities: readonly unknown[]): DialectEntities {
  const schemas: string[] = [];
  for (const e of entities) if (isMsSqlSchema(e) && e.schemaName !== DEFAULT_SCHEMA && !schemas.includes(e.schemaName)) schemas.push(e.schemaName);
  return { schemas, enums: [], sequences: [], roles: [] };
}

const viewFlags = ['checkOption', 'encryption', 'schemaBinding', 'viewMetadata'] as const;

/** SQL Server's part of the shared serializer. */
export const mssqlSerializeHooks: SerializeHooks = {
  name: 'mssql',
  dialect: mssqlDialect,
  tableDialect: 'mssql',
  defaultSchema: DEFAULT_SCHEMA,
  indexOptions: false,
  columnType: (column) => ({ type: storedType(column.getSQLType()), typeSchema: undefined }),
  literal: mssqlLiteral,
  primaryKeyName: (table, declared, columns, extra) => declared ?? (extra ? `${table[TableMeta].name}_${columns.join('_')}_pk` : `${table[TableMeta].name}_pkey`),
  columnExtras: (column) => ({ identity: identityOf(column), autoincrement: false, onUpdate: undefined }),
  indexMethod: (index) => {
    const method = index.method?.toLowerCase();
    return method === undefined || method === 'nonclustered' ? undefined : method;
  },
  // Index names are unique per table on SQL Server.
  indexScope: (table) => `${table.schema ?? DEFAULT_SCHEMA}.${table.name}`,
  constraintsAreIndexes: true,
  viewOptions(config) {
    const options = (config.with ?? {}) as Record<string, unknown>;
    const out: Record<string, string | boolean> = {};
    for (const key of Object.keys(options)) {
      if (!(viewFlags as readonly string[]).includes(key)) throw new SchemaError(`View "${config.name}": unknown option ${key}; SQL Server views take ${viewFlags.join(', ')}`);
    }
    for (const key of viewFlags) if (options[key] === true) out[key] = true;
    return out;
  },
  entities: mssqlEntities,
};
