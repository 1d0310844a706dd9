/**
 * CockroachDB's part of the schema code generator: model type text (CockroachDB's spelling, see
 * `types.ts`) -> `sluice/cockroach-core` builders. Defaults, identities and view options are
 * written as for PostgreSQL, whose builders have the same modifiers; dates and timestamps use
 * `mode: 'string'` as there.
 */
import { jsString } from '../../../kit/codegen-names.js';
import type { CodegenDialect, ColumnCode, ValueKind } from '../../../kit/codegen-types.js';
import { arrayAwareColumn, pgCodegen } from '../../pg/kit/codegen.js';

const simple: Record<string, { fn: string; config?: string; kind: ValueKind }> = {
  int8: { fn: 'int8', config: "{ mode: 'number' }", kind: 'number' },
  int4: { fn: 'int4', kind: 'number' },
  int2: { fn: 'int2', kind: 'number' },
  string: { fn: 'string', kind: 'string' },
  bool: { fn: 'bool', kind: 'boolean' },
  float8: { fn: 'float', kind: 'number' },
  float4: { fn: 'real', kind: 'number' },
  jsonb: { fn: 'jsonb', kind: 'json' },
  uuid: { fn: 'uuid', kind: 'string' },
  inet: { fn: 'inet', kind: 'string' },
  date: { fn: 'date', config: "{ mode: 'string' }", kind: 'string' },
};

function code(fn: string, config: string | undefined, kind: ValueKind, dims: number): ColumnCode {
  return { fn, config, suffix: '.array()'.repeat(dims), imports: [fn], impliesNotNull: false, impliesAutoincrement: false, kind: dims > 0 ? 'other' : kind };
}

const lengthConfig = (n: string | undefined) => (n ? `{ length: ${n} }` : undefined);

function baseCode(base: string, dims: number): ColumnCode {
  const known = simple[base];
  if (known) return code(known.fn, known.config, known.kind, dims);
  let m: RegExpExecArray | null;
  if ((m = /^varchar(?:\((\d+)\))?$/.exec(base))) return code('varchar', lengthConfig(m[1]), 'string', dims);
  if ((m = /^char(?:\((\d+)\))?$/.exec(base))) return code('char', lengthConfig(m[1]), 'string', dims);
  if ((m = /^decimal(?:\((\d+)(?:,(\d+))?\))?$/.exec(base))) {
    const parts = [m[1] ? `precision: ${m[1]}` : '', m[2] ? `scale: ${m[2]}` : ''].filter(Boolean);
    return code('decimal', parts.length ? `{ ${parts.join(', ')} }` : undefined, 'string', dims);
  }
  if ((m = /^timestamp(tz)?(?:\((\d+)\))?$/.exec(base))) {
    const parts = ["mode: 'string'", m[1] ? 'withTimezone: true' : '', m[2] ? `precision: ${m[2]}` : ''].filter(Boolean);
    return code('timestamp', `{ ${parts.join(', ')} }`, 'string', dims);
  }
  if ((m = /^time(tz)?(?:\((\d+)\))?$/.exec(base))) {
    const parts = [m[1] ? 'withTimezone: true' : '', m[2] ? `precision: ${m[2]}` : ''].filter(Boolean);
    return code('time', parts.length ? `{ ${parts.join(', ')} }` : undefined, 'string', dims);
  }
  if ((m = /^(bit|varbit)(?:\((\d+)\))?$/.exec(base))) return code(m[1]!, lengthConfig(m[2]), 'string', dims);
  if ((m = /^vector\((\d+)\)$/.exec(base))) return code('vector', `{ dimensions: ${m[1]} }`, 'other', dims);
  // Anything else (geometry, interval with fields, an extension's type) keeps its exact text through a custom type.
  const c = code(`customType<{ data: string; driverData: string }>({ dataType: () => ${jsString(base)} })`, undefined, 'other', dims);
  c.imports = ['customType'];
  return c;
}

/** CockroachDB's type mapping for the shared generator. */
export const cockroachCodegen: CodegenDialect = {
  ...pgCodegen,
  module: 'sluice/cockroach-core',
  tableFn: 'cockroachTable',
  viewFn: 'cockroachView',
  materializedViewFn: 'cockroachMaterializedView',
  anyColumnType: 'AnyCockroachColumn',
  objectFns: { schema: 'cockroachSchema', enum: 'cockroachEnum', sequence: 'cockroachSequence', role: 'cockroachRole', policy: 'cockroachPolicy' },
  reservedNames: [
    ...new Set(Object.values(simple).map((s) => s.fn)),
    ...['varchar', 'char', 'decimal', 'timestamp', 'time', 'bit', 'varbit', 'vector', 'customType', 'cockroachEnum', 'cockroachSchema', 'cockroachSequence', 'cockroachRole', 'cockroachPolicy'],
  ],
  defaultCall(column, c) {
    // cockroach-core's own modifier for CockroachDB's usual key default.
    if (column.default === 'unique_rowid()' && c.fn === 'int8' && c.suffix === '') return '.defaultUniqueRowid()';
    return pgCodegen.defaultCall(column, c);
  },
  column: arrayAwareColumn(baseCode),
};
