/**
 * PostgreSQL's part of the schema code generator: model type text -> `sluice/pg-core` builders.
 * Dates and timestamps are written with `mode: 'string'`, as drizzle-kit's `pull` writes them, so
 * a literal default stays a plain string in the generated file.
 */
import { jsString } from '../../../kit/codegen-names.js';
import { numberValue, sqlStringValue, type CodegenDialect, type ColumnCode, type ValueKind } from '../../../kit/codegen-types.js';

const simple: Record<string, { fn: string; config?: string; kind: ValueKind; implies?: boolean }> = {
  integer: { fn: 'integer', kind: 'number' },
  int4: { fn: 'integer', kind: 'number' },
  smallint: { fn: 'smallint', kind: 'number' },
  int2: { fn: 'smallint', kind: 'number' },
  bigint: { fn: 'bigint', config: "{ mode: 'number' }", kind: 'number' },
  int8: { fn: 'bigint', config: "{ mode: 'number' }", kind: 'number' },
  serial: { fn: 'serial', kind: 'number', implies: true },
  smallserial: { fn: 'smallserial', kind: 'number', implies: true },
  bigserial: { fn: 'bigserial', config: "{ mode: 'number' }", kind: 'number', implies: true },
  real: { fn: 'real', kind: 'number' },
  'double precision': { fn: 'doublePrecision', kind: 'number' },
  boolean: { fn: 'boolean', kind: 'boolean' },
  text: { fn: 'text', kind: 'string' },
  uuid: { fn: 'uuid', kind: 'string' },
  json: { fn: 'json', kind: 'json' },
  jsonb: { fn: 'jsonb', kind: 'json' },
  bytea: { fn: 'bytea', kind: 'other' },
  date: { fn: 'date', config: "{ mode: 'string' }", kind: 'string' },
  inet: { fn: 'inet', kind: 'string' },
  cidr: { fn: 'cidr', kind: 'string' },
  macaddr: { fn: 'macaddr', kind: 'string' },
  macaddr8: { fn: 'macaddr8', kind: 'string' },
  point: { fn: 'point', kind: 'other' },
  line: { fn: 'line', kind: 'other' },
};

function code(fn: string, config: string | undefined, kind: ValueKind, dims: number, implies = false): ColumnCode {
  return { fn, config, suffix: '.array()'.repeat(dims), imports: [fn], impliesNotNull: implies, impliesAutoincrement: false, kind: dims > 0 ? 'other' : kind };
}

/**
 * A `column` hook for dialects with PostgreSQL's arrays and enums: strips the `[]` suffixes, names
 * an enum column by its enum's variable, and maps the rest through the dialect's `baseCode`.
 */
export function arrayAwareColumn(baseCode: (base: string, dims: number) => ColumnCode): CodegenDialect['column'] {
  return (column, ctx) => {
    const dims = /(\[\])*$/.exec(column.type)![0].length / 2;
    const base = column.type.slice(0, column.type.length - dims * 2);
    if (column.typeSchema !== undefined) {
      const variable = ctx.enumVariable({ schema: column.typeSchema, name: base });
      if (variable !== undefined) {
        const c = code(variable, undefined, 'string', dims);
        c.imports = [];
        return c;
      }
    }
    return baseCode(base, dims);
  };
}

/** The builder for a PostgreSQL type without its array brackets. */
function baseCode(base: string, dims: number): ColumnCode {
  const known = simple[base];
  if (known) return code(known.fn, known.config, known.kind, dims, known.implies);
  let m: RegExpExecArray | null;
  if ((m = /^(?:varchar|character varying)(?:\((\d+)\))?$/.exec(base))) return code('varchar', m[1] ? `{ length: ${m[1]} }` : undefined, 'string', dims);
  if ((m = /^(?:char|character)(?:\((\d+)\))?$/.exec(base))) return code('char', m[1] ? `{ length: ${m[1]} }` : undefined, 'string', dims);
  if ((m = /^(?:numeric|decimal)(?:\((\d+)(?:,\s*(\d+))?\))?$/.exec(base))) {
    const parts = [m[1] ? `precision: ${m[1]}` : '', m[2] ? `scale: ${m[2]}` : ''].filter(Boolean);
    return code('numeric', parts.length ? `{ ${parts.join(', ')} }` : undefined, 'string', dims);
  }
  if ((m = /^timestamp(?:\((\d+)\))?( with time zone| without time zone)?$/.exec(base))) {
    const parts = ["mode: 'string'", m[2] === ' with time zone' ? 'withTimezone: true' : '', m[1] ? `precision: ${m[1]}` : ''].filter(Boolean);
    return code('timestamp', `{ ${parts.join(', ')} }`, 'string', dims);
  }
  if ((m = /^time(?:\((\d+)\))?( with time zone| without time zone)?$/.exec(base))) {
    const parts = [m[2] === ' with time zone' ? 'withTimezone: true' : '', m[1] ? `precision: ${m[1]}` : ''].filter(Boolean);
    return code('time', parts.length ? `{ ${parts.join(', ')} }` : undefined, 'string', dims);
  }
  if ((m = /^interval(?: ([a-z ]+?))?(?:\((\d+)\))?$/.exec(base))) {
    const parts = [m[1] ? `fields: ${jsString(m[1])}` : '', m[2] ? `precision: ${m[2]}` : ''].filter(Boolean);
    return code('interval', parts.length ? `{ ${parts.join(', ')} }` : undefined, 'string', dims);
  }
  // Anything else (tsvector, a domain, an extension's type) keeps its exact text through a custom type.
  const c = code(`customType<{ data: string; driverData: string }>({ dataType: () => ${jsString(base)} })`, undefined, 'other', dims);
  c.imports = ['customType'];
  return c;
}

/** PostgreSQL's type mapping and modifiers for the shared generator. */
export const pgCodegen: CodegenDialect = {
  module: 'sluice/pg-core',
  tableFn: 'pgTable',
  viewFn: 'pgView',
  materializedViewFn: 'pgMaterializedView',
  anyColumnType: 'AnyPgColumn',
  defaultSchema: 'public',
  reservedNames: [...new Set(Object.values(simple).map((s) => s.fn)), ...['varchar', 'char', 'numeric', 'timestamp', 'time', 'interval', 'customType', 'pgEnum', 'pgSchema', 'pgSequence', 'pgRole', 'pgPolicy']],
  defaultPrimaryKeyName: (table, inline) => (inline ? `${table.name}_pkey` : `${table.name}_${table.primaryKey?.columns.join('_') ?? ''}_pk`),
  column: arrayAwareColumn(baseCode),
  defaultCall(column, c) {
    const text = column.default;
    if (text === undefined) return undefined;
    if (text === 'now()' && c.suffix === '' && (c.fn === 'timestamp' || c.fn === 'date' || c.fn === 'time')) return '.defaultNow()';
    if (text === 'gen_random_uuid()' && c.fn === 'uuid' && c.suffix === '') return '.defaultRandom()';
    return jsDefault(text, c.kind, c.fn);
  },
  extras(column) {
    const id = column.identity;
    if (id === undefined) return [];
    const opts: string[] = [];
    if (id.name !== undefined) opts.push(`name: ${jsString(id.name)}`);
    for (const key of ['startWith', 'increment', 'minValue', 'maxValue', 'cache'] as const) {
      const v = id[key];
      if (v !== undefined) opts.push(`${key}: ${numberValue(v) ?? jsString(v)}`);
    }
    if (id.cycle) opts.push('cycle: true');
    const fn = id.type === 'always' ? 'generatedAlwaysAsIdentity' : 'generatedByDefaultAsIdentity';
    return [`.${fn}(${opts.length ? `{ ${opts.join(', ')} }` : ''})`];
  },
  primaryKeyCall: () => '.primaryKey()',
  generatedMode: (type) => (type === 'stored' ? undefined : type),
  viewOptions(options, materialized) {
    let out = '';
    const withOptions: string[] = [];
    for (const [key, value] of Object.entries(options)) {
      if (!key.startsWith('with.')) continue;
      const name = key.slice(5).replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
      withOptions.push(`${name}: ${typeof value === 'boolean' ? String(value) : jsString(value)}`);
    }
    if (withOptions.length) out += `.with({ ${withOptions.join(', ')} })`;
    if (materialized) {
      if (typeof options.using === 'string') out += `.using(${jsString(options.using)})`;
      if (typeof options.tablespace === 'string') out += `.tablespace(${jsString(options.tablespace)})`;
      if (options.withNoData === true) out += '.withNoData()';
    }
    return out;
  },
};

/** A default as a JavaScript value when the serializer writes that value back as the same text. */
export function jsDefault(text: string, kind: ValueKind, fn: string): string | undefined {
  if (kind === 'string') {
    const value = sqlStringValue(text);
    return value === undefined ? undefined : `.default(${jsString(value)})`;
  }
  if (kind === 'number') {
    const n = numberValue(text);
    return n === undefined ? undefined : `.default(${n})`;
  }
  if (kind === 'boolean') return text === 'true' || text === 'false' ? `.default(${text})` : undefined;
  if (kind === 'json') {
    const m = /^(.*)::(jsonb?)$/s.exec(text);
    const inner = m && m[2] === fn ? sqlStringValue(m[1]!) : undefined;
    if (inner === undefined) return undefined;
    try {
      const value: unknown = JSON.parse(inner);
      // Only when serializing the value gives the same text (key order, spacing).
      if (JSON.stringify(value) !== inner) return undefined;
      return `.default(${JSON.stringify(value)})`;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
