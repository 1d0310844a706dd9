/**
 * SQL Server's part of the schema code generator: model type text (as the serializer and
 * introspection write it) -> `sluice/mssql-core` builders. Dates and times are written with
 * `mode: 'string'` so a literal default stays a plain string; `bigint` with `mode: 'number'`;
 * decimals keep their default mode (string).
 */
import { jsString } from '../../../kit/codegen-names.js';
import { numberValue, sqlStringValue, type CodegenDialect, type ColumnCode, type ValueKind } from '../../../kit/codegen-types.js';

function code(fn: string, config: string[], kind: ValueKind): ColumnCode {
  return { fn, config: config.length ? `{ ${config.join(', ')} }` : undefined, suffix: '', imports: [fn], impliesNotNull: false, impliesAutoincrement: false, kind };
}

const plain: Record<string, [string, ValueKind]> = {
  int: ['int', 'number'],
  smallint: ['smallint', 'number'],
  tinyint: ['tinyint', 'number'],
  bit: ['bit', 'boolean'],
  real: ['real', 'number'],
  float: ['float', 'number'],
  text: ['text', 'string'],
  ntext: ['ntext', 'string'],
};

function typeCode(type: string): ColumnCode {
  const known = plain[type];
  if (known) return code(known[0], [], known[1]);
  if (type === 'bigint') return code('bigint', ["mode: 'number'"], 'number');
  let m: RegExpExecArray | null;
  if ((m = /^(decimal|numeric)\((\d+),(\d+)\)$/.exec(type))) return code(m[1]!, [`precision: ${m[2]}`, `scale: ${m[3]}`], 'string');
  if ((m = /^(char|varchar|nchar|nvarchar|binary|varbinary)\((\d+|max)\)$/.exec(type))) {
    const length = m[2] === 'max' ? "'max'" : m[2]!;
    return code(m[1]!, [`length: ${length}`], m[1]!.endsWith('binary') ? 'other' : 'string');
  }
  if (type === 'date' || type === 'datetime') return code(type, ["mode: 'string'"], 'string');
  if ((m = /^(datetime2|datetimeoffset|time)\((\d)\)$/.exec(type))) return code(m[1]!, ["mode: 'string'", `precision: ${m[2]}`], 'string');
  // Anything else (uniqueidentifier, money, xml...) keeps its exact text through a custom type.
  const c = code(`customType<{ data: string; driverData: string }>({ dataType: () => ${jsString(type)} })`, [], 'other');
  c.imports = ['customType'];
  return c;
}

/** A string default as the serializer writes it back: `N'...'` with quotes doubled. */
function nStringValue(text: string): string | undefined {
  return /^N'/i.test(text) ? sqlStringValue(text.slice(1)) : undefined;
}

/** SQL Server's type mapping and modifiers for the shared generator. */
export const mssqlCodegen: CodegenDialect = {
  module: 'sluice/mssql-core',
  tableFn: 'mssqlTable',
  viewFn: 'mssqlView',
  materializedViewFn: undefined,
  objectFns: { schema: 'mssqlSchema' },
  anyColumnType: 'AnyMsSqlColumn',
  reservedNames: [...Object.values(plain).map((p) => p[0]), ...'bigint decimal numeric char varchar nchar nvarchar binary varbinary date datetime datetime2 datetimeoffset time customType mssqlSchema'.split(' ')],
  defaultSchema: 'dbo',
  defaultPrimaryKeyName: (table, inline) => (inline ? `${table.name}_pkey` : `${table.name}_${table.primaryKey?.columns.join('_') ?? ''}_pk`),
  column: (column) => typeCode(column.type),
  defaultCall(column, c) {
    const text = column.default;
    if (text === undefined) return undefined;
    if (text.toLowerCase() === 'getdate()' && ['date', 'datetime', 'datetime2', 'datetimeoffset', 'time'].includes(c.fn)) return '.defaultGetDate()';
    if (c.kind === 'boolean') return text === '1' ? '.default(true)' : text === '0' ? '.default(false)' : undefined;
    if (c.kind === 'number') {
      const n = numberValue(text);
      return n === undefined ? undefined : `.default(${n})`;
    }
    // Decimals are strings in JavaScript and bare numbers in SQL.
    if (c.fn === 'decimal' || c.fn === 'numeric') return /^-?\d+(\.\d+)?$/.test(text) ? `.default(${jsString(text)})` : undefined;
    if (c.kind === 'string') {
      const value = nStringValue(text);
      return value === undefined ? undefined : `.default(${jsString(value)})`;
    }
    return undefined;
  },
  extras(column) {
    const id = column.identity;
    if (id === undefined) return [];
    const seed = id.startWith ?? '1';
    const increment = id.increment ?? '1';
    return [seed === '1' && increment === '1' ? '.identity()' : `.identity({ seed: ${numberValue(seed) ?? jsString(seed)}, increment: ${numberValue(increment) ?? jsString(increment)} })`];
  },
  primaryKeyCall: () => '.primaryKey()',
  generatedMode: (type) => (type === 'stored' ? 'persisted' : 'virtual'),
  viewOptions(options) {
    const entries = (['checkOption', 'encryption', 'schemaBinding', 'viewMetadata'] as const).filter((k) => options[k] === true).map((k) => `${k}: true`);
    return entries.length ? `.with({ ${entries.join(', ')} })` : '';
  },
};
