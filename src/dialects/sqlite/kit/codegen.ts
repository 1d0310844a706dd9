/**
 * SQLite's part of the schema code generator: model type text -> `sluice/sqlite-core` builders.
 * Integers are plain numbers: a database does not say whether one held booleans or timestamps.
 */
import { jsString } from '../../../kit/codegen-names.js';
import { numberValue, sqlStringValue, type CodegenDialect, type ColumnCode, type ValueKind } from '../../../kit/codegen-types.js';

function code(fn: string, config: string | undefined, kind: ValueKind): ColumnCode {
  return { fn, config, suffix: '', imports: [fn], impliesNotNull: false, impliesAutoincrement: false, kind };
}

function typeCode(type: string): ColumnCode {
  if (type === 'integer') return code('integer', undefined, 'number');
  if (type === 'real') return code('real', undefined, 'number');
  if (type === 'numeric') return code('numeric', undefined, 'string');
  if (type === 'blob') return code('blob', undefined, 'other');
  const m = /^text(?:\((\d+)\))?$/.exec(type);
  if (m) return code('text', m[1] ? `{ length: ${m[1]} }` : undefined, 'string');
  const c = code(`customType<{ data: string; driverData: string }>({ dataType: () => ${jsString(type)} })`, undefined, 'other');
  c.imports = ['customType'];
  return c;
}

/** SQLite's type mapping and modifiers for the shared generator. */
export const sqliteCodegen: CodegenDialect = {
  module: 'sluice/sqlite-core',
  tableFn: 'sqliteTable',
  viewFn: 'sqliteView',
  materializedViewFn: undefined,
  anyColumnType: 'AnySQLiteColumn',
  reservedNames: ['integer', 'int', 'text', 'real', 'numeric', 'blob', 'customType'],
  defaultSchema: undefined,
  defaultPrimaryKeyName: () => 'PRIMARY',
  column: (column) => typeCode(column.type),
  defaultCall(column, c) {
    const text = column.default;
    if (text === undefined) return undefined;
    const kind = c.kind;
    if (kind === 'number') {
      const n = numberValue(text);
      return n === undefined ? undefined : `.default(${n})`;
    }
    if (kind === 'string') {
      const value = sqlStringValue(text);
      return value === undefined ? undefined : `.default(${jsString(value)})`;
    }
    return undefined;
  },
  extras: () => [],
  primaryKeyCall: (column) => (column.autoincrement ? '.primaryKey({ autoIncrement: true })' : '.primaryKey()'),
  generatedMode: (type) => type,
  viewOptions: () => '',
};
