/**
 * MySQL's part of the schema code generator: model type text (MySQL's `COLUMN_TYPE` form) ->
 * `sluice/mysql-core` builders. Dates and times are written with `mode: 'string'` so a literal
 * default stays a plain string; `bigint` with `mode: 'number'`.
 */
import { jsString } from '../../../kit/codegen-names.js';
import { numberValue, type CodegenDialect, type ColumnCode, type ValueKind } from '../../../kit/codegen-types.js';
import { mysqlDialect } from '../dialect.js';

function code(fn: string, config: string[], kind: ValueKind, extra: Partial<ColumnCode> = {}): ColumnCode {
  return { fn, config: config.length ? `{ ${config.join(', ')} }` : undefined, suffix: '', imports: [fn], impliesNotNull: false, impliesAutoincrement: false, kind, ...extra };
}

const plain: Record<string, [string, ValueKind]> = {
  boolean: ['boolean', 'boolean'],
  text: ['text', 'string'],
  tinytext: ['tinytext', 'string'],
  mediumtext: ['mediumtext', 'string'],
  longtext: ['longtext', 'string'],
  blob: ['blob', 'other'],
  tinyblob: ['tinyblob', 'other'],
  mediumblob: ['mediumblob', 'other'],
  longblob: ['longblob', 'other'],
  json: ['json', 'other'],
  year: ['year', 'number'],
};

function typeCode(type: string): ColumnCode {
  if (type === 'serial') return code('serial', [], 'number', { impliesNotNull: true, impliesAutoincrement: true });
  const known = plain[type];
  if (known) return code(known[0], [], known[1]);
  let m: RegExpExecArray | null;
  if ((m = /^(int|tinyint|smallint|mediumint|bigint)( unsigned)?$/.exec(type))) {
    const config = [m[1] === 'bigint' ? "mode: 'number'" : '', m[2] ? 'unsigned: true' : ''].filter(Boolean);
    return code(m[1]!, config, 'number');
  }
  if ((m = /^(float|double|real|decimal)(?:\((\d+)(?:,(\d+))?\))?( unsigned)?$/.exec(type))) {
    const config = [m[2] ? `precision: ${m[2]}` : '', m[3] ? `scale: ${m[3]}` : '', m[4] ? 'unsigned: true' : ''].filter(Boolean);
    return code(m[1]!, config, m[1] === 'decimal' ? 'string' : 'number');
  }
  if ((m = /^(char|varchar|binary|varbinary)(?:\((\d+)\))?$/.exec(type))) return code(m[1]!, m[2] ? [`length: ${m[2]}`] : [], 'string');
  if (type === 'date') return code('date', ["mode: 'string'"], 'string');
  if ((m = /^(datetime|timestamp)(?:\((\d)\))?$/.exec(type))) return code(m[1]!, ["mode: 'string'", ...(m[2] ? [`fsp: ${m[2]}`] : [])], 'string');
  if ((m = /^time(?:\((\d)\))?$/.exec(type))) return code('time', m[1] ? [`fsp: ${m[1]}`] : [], 'string');
  if ((m = /^enum\((.*)\)$/s.exec(type))) {
    const values = [...m[1]!.matchAll(/'((?:[^']|'')*)'/g)].map((v) => v[1]!.replace(/''/g, "'"));
    const c = code('mysqlEnum', [], 'string');
    c.config = `[${values.map(jsString).join(', ')}]`;
    return c;
  }
  // Anything else (geometry, bit, set) keeps its exact text through a custom type.
  const c = code(`customType<{ data: string; driverData: string }>({ dataType: () => ${jsString(type)} })`, [], 'other');
  c.imports = ['customType'];
  return c;
}

const wrapped = /^(tiny|medium|long)?(text|blob)$|^json$/;

/** MySQL's type mapping and modifiers for the shared generator. */
export const mysqlCodegen: CodegenDialect = {
  module: 'sluice/mysql-core',
  tableFn: 'mysqlTable',
  viewFn: 'mysqlView',
  materializedViewFn: undefined,
  anyColumnType: 'AnyMySqlColumn',
  reservedNames: [...Object.values(plain).map((p) => p[0]), ...'serial int tinyint smallint mediumint bigint float double real decimal char varchar binary varbinary date datetime timestamp time mysqlEnum customType mysqlSchema'.split(' ')],
  defaultSchema: undefined,
  defaultPrimaryKeyName: () => 'PRIMARY',
  column: (column) => typeCode(column.type),
  defaultCall(column, c) {
    const text = column.default;
    if (text === undefined) return undefined;
    const fsp = /\((\d)\)$/.exec(column.type)?.[1];
    if ((c.fn === 'datetime' || c.fn === 'timestamp') && text === `(now(${fsp ?? ''}))`) return '.defaultNow()';
    if (c.fn === 'date' && text === '(curdate())') return '.defaultNow()';
    const kind = c.kind;
    const inner = wrapped.test(column.type) ? /^\((.*)\)$/s.exec(text)?.[1] : text;
    if (inner === undefined) return undefined;
    if (kind === 'number') {
      const n = numberValue(inner);
      return n === undefined ? undefined : `.default(${n})`;
    }
    if (kind === 'boolean') return inner === 'true' || inner === 'false' ? `.default(${inner})` : undefined;
    if (kind === 'string') {
      const m = /^'(.*)'$/s.exec(inner);
      if (!m) return undefined;
      const value = m[1]!.replace(/''/g, "'").replace(/\\\\/g, '\\');
      // Only when the dialect writes the value back as the same text.
      return mysqlDialect.inline(value) === inner ? `.default(${jsString(value)})` : undefined;
    }
    return undefined;
  },
  extras(column, c) {
    const out: string[] = [];
    if (column.autoincrement && !c.impliesAutoincrement) out.push('.autoincrement()');
    if (column.onUpdate !== undefined && (c.fn === 'datetime' || c.fn === 'timestamp')) out.push('.onUpdateNow()');
    return out;
  },
  primaryKeyCall: () => '.primaryKey()',
  generatedMode: (type) => type,
  viewOptions(options) {
    let out = '';
    if (typeof options.algorithm === 'string' && options.algorithm !== 'undefined') out += `.algorithm('${options.algorithm}')`;
    if (typeof options.sqlSecurity === 'string' && options.sqlSecurity !== 'definer') out += `.sqlSecurity('${options.sqlSecurity}')`;
    if (typeof options.checkOption === 'string') out += `.withCheckOption('${options.checkOption}')`;
    return out;
  },
};
