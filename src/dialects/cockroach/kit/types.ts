/**
 * CockroachDB's type names. CockroachDB reads many spellings of one type (`bigint`, `int8`,
 * `INT64`; `text`, `STRING`) and prints them two ways: its own (`INT8`, `STRING`, `TIMESTAMPTZ`
 * in `SHOW CREATE` and `crdb_sql_type`) and PostgreSQL's (`bigint`, `text`, `timestamp with time
 * zone` from `format_type`). The model keeps one spelling per type, CockroachDB's own in lower
 * case, so a schema, a snapshot and an introspected database compare equal:
 *
 * | any of                                                        | model            |
 * |---------------------------------------------------------------|------------------|
 * | `bigint`, `int8`, `int64`, `int`, `integer` (CockroachDB's)   | `int8`           |
 * | `integer` (from `format_type`), `int4`                         | `int4`           |
 * | `smallint`, `int2`                                            | `int2`           |
 * | `text`, `string`                                              | `string`         |
 * | `string(n)`, `varchar(n)`, `character varying(n)`             | `varchar(n)`     |
 * | `boolean`, `bool`                                             | `bool`           |
 * | `double precision`, `float`, `float8`, `float64`              | `float8`         |
 * | `real`, `float4`                                              | `float4`         |
 * | `numeric(p,s)`, `decimal(p, s)`                                | `decimal(p,s)`   |
 * | `timestamp(p) with time zone`, `timestamptz(p)`               | `timestamptz(p)` |
 * | `json`, `jsonb`                                               | `jsonb`          |
 * | `bytea`, `bytes`                                              | `bytes`          |
 *
 * `STRING(n)` and `VARCHAR(n)` are one type in CockroachDB (the docs list them as aliases), so
 * they share `varchar(n)`, which PostgreSQL reads too.
 */

const names: Record<string, string> = {
  bigint: 'int8',
  int8: 'int8',
  int64: 'int8',
  int: 'int8',
  serial8: 'int8',
  int4: 'int4',
  int2: 'int2',
  smallint: 'int2',
  text: 'string',
  string: 'string',
  boolean: 'bool',
  bool: 'bool',
  'double precision': 'float8',
  float: 'float8',
  float8: 'float8',
  float64: 'float8',
  real: 'float4',
  float4: 'float4',
  numeric: 'decimal',
  decimal: 'decimal',
  dec: 'decimal',
  json: 'jsonb',
  jsonb: 'jsonb',
  bytea: 'bytes',
  bytes: 'bytes',
  blob: 'bytes',
  'bit varying': 'varbit',
  varbit: 'varbit',
  character: 'char',
  char: 'char',
  bpchar: 'char',
  'character varying': 'varchar',
  varchar: 'varchar',
  uuid: 'uuid',
  date: 'date',
  inet: 'inet',
  interval: 'interval',
};

/**
 * Any spelling of a CockroachDB type -> the model's: lower case, CockroachDB's short names,
 * parameters without spaces, array brackets kept.
 *
 * @param integerIs How bare `integer`/`int` read: `int8` as CockroachDB's DDL reads them
 *   (`default_int_size` is 8), `int4` where `format_type` printed an INT4 column.
 *
 * @example
 * cockroachType('TIMESTAMP(3) WITH TIME ZONE'); // 'timestamptz(3)'
 * cockroachType('character varying(20)[]'); // 'varchar(20)[]'
 */
export function cockroachType(text: string, integerIs: 'int8' | 'int4' = 'int8'): string {
  const lower = lowerOutsideQuotes(text.trim());
  const array = /^(.*?)((?:\[\d*\])*)$/.exec(lower)!;
  const dims = array[2]!.replace(/\[\d*\]/g, '[]');
  let base = array[1]!.trim();
  const time = /^(timestamp|time)\s*(\(\s*\d+\s*\))?\s+(with|without) time zone$/.exec(base);
  if (time) {
    const precision = time[2]?.replace(/\s/g, '') ?? '';
    return `${time[1]}${time[3] === 'with' ? 'tz' : ''}${precision}${dims}`;
  }
  const short = /^(timestamptz|timestamp|timetz|time)\s*(\(\s*\d+\s*\))?$/.exec(base);
  if (short) return `${short[1]}${short[2]?.replace(/\s/g, '') ?? ''}${dims}`;
  const param = /^([a-z][a-z0-9 ]*?)\s*(\((.*)\))?$/.exec(base);
  if (param) {
    const name = param[1]!;
    const args = param[3]?.split(',').map((a) => a.trim());
    let mapped = name === 'integer' ? integerIs : (names[name] ?? name);
    // STRING(n) is VARCHAR(n) in CockroachDB.
    if (mapped === 'string' && args !== undefined) mapped = 'varchar';
    base = args === undefined ? mapped : `${mapped}(${args.join(',')})`;
  }
  return `${base}${dims}`;
}

/**
 * The model's type as DDL writes it: a spelling CockroachDB reads as the same type and
 * PostgreSQL reads too (`string` -> `text`, `bytes` -> `bytea`), so the statements of a migration
 * that use no CockroachDB-only feature also run on PostgreSQL.
 */
export function ddlType(type: string): string {
  const array = /^(.*?)((?:\[\])*)$/.exec(type)!;
  const base = array[1]!;
  const spelled = base === 'string' ? 'text' : base === 'bytes' ? 'bytea' : base;
  return `${spelled}${array[2]}`;
}

function lowerOutsideQuotes(text: string): string {
  let out = '';
  let quote: string | undefined;
  for (const ch of text) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else out += ch.toLowerCase();
  }
  return out;
}
