/**
 * CockroachDB's catalog rows brought to PostgreSQL's shape, so PostgreSQL's model builder
 * (`pgModelFromCatalog`) reads them, and the model it builds brought to the CockroachDB model's
 * spelling. What differs in CockroachDB's catalog (from its `pg_catalog` sources):
 * - Expressions carry type annotations: `now():::TIMESTAMPTZ`, `'a':::STRING`, `0:::INT8`; they
 *   are left out (the schema's text has none).
 * - `attidentity` is `b` for BY DEFAULT (PostgreSQL's `d`); `attgenerated` is `v` for a virtual
 *   computed column, which PostgreSQL does not have. An identity column whose sequence the
 *   catalog does not link to it still reads as an identity (with default sequence options), and
 *   its `nextval` default and sequence are left out.
 * - Hidden columns are listed like others: the `rowid` key of a table declared without a primary
 *   key and the `crdb_internal_<columns>_shard_<n>` column of a hash-sharded index. They are not
 *   the schema's columns; a key over `rowid` alone is no declared key, and a shard column in an
 *   index's keys makes the index hash-sharded with `n` buckets.
 * - Index access methods are `prefix` (a forward index: `btree` in the model) and `inverted`
 *   (`gin`); `NULLS` order is fixed by direction (CockroachDB sorts NULLs first), so the model
 *   keeps each direction's PostgreSQL default and DDL never writes `NULLS`.
 * - Types come from `format_type` in PostgreSQL's spelling, or in CockroachDB's (`INT8`,
 *   `STRING`) from its own statements; both become the model's (`cockroachType`).
 */
import type { ColumnModel, IdentityModel, IndexColumnModel, SchemaModel, TableModel } from '../../../kit/model.js';
import { pgModelFromCatalog } from '../../pg/kit/introspect.js';
import { jsonbText } from '../../pg/kit/introspect-normalize.js';
import type { CatalogRows, ColumnRow, ConstraintRow, IndexRow } from '../../pg/kit/introspect-queries.js';
import type { CockroachCatalogRows, CockroachIndexRow } from './introspect-queries.js';
import { cockroachType } from './types.js';

const typeName = `(?:"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*)`;
const annotation = new RegExp(String.raw`:::${typeName}(?:\.${typeName})*(?:\(\s*\d+(?:\s*,\s*\d+)*\s*\))?(?:\[\])*`, 'g');

/**
 * `now():::TIMESTAMPTZ` -> `now()`: CockroachDB's type annotations (`:::`) left out, outside
 * string literals; PostgreSQL's casts (`::`) stay.
 *
 * @example
 * withoutTypeAnnotations("'a:::b':::STRING"); // "'a:::b'"
 */
export function withoutTypeAnnotations(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === "'") {
      let j = i + 1;
      while (j < text.length && !(text[j] === "'" && text[j + 1] !== "'")) j += text[j] === "'" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== "'") j++;
    out += text.slice(i, j).replace(annotation, '');
    i = j;
  }
  return out;
}

const shardColumn = /^crdb_internal_(.+)_shard_(\d+)$/;

/**
 * The model of a CockroachDB database from its catalog rows.
 *
 * @example
 * const model = cockroachModelFromCatalog(await readCockroachCatalog(session, schemas), schemas);
 */
export function cockroachModelFromCatalog(rows: CockroachCatalogRows, schemas: readonly string[]): SchemaModel {
  const tableKey = new Map(rows.tables.map((t) => [t.oid, `${t.schema}.${t.name}`]));
  const hidden = new Set(rows.hidden.map((h) => `${h.schema}.${h.table}.${h.name}`));
  const hiddenAttnums = new Map<number, Map<number, string>>();
  const virtual = new Set<string>();
  const columns: ColumnRow[] = [];
  for (const c of rows.columns) {
    const key = tableKey.get(c.table_oid);
    if (key !== undefined && hidden.has(`${key}.${c.name}`)) {
      if (!hiddenAttnums.has(c.table_oid)) hiddenAttnums.set(c.table_oid, new Map());
      hiddenAttnums.get(c.table_oid)!.set(c.attnum, c.name);
      continue;
    }
    if (c.generated === 'v') virtual.add(`${key}.${c.name}`);
    columns.push({
      ...c,
      default_expr: c.default_expr === null ? null : withoutTypeAnnotations(c.default_expr),
      identity: c.identity === 'b' ? 'd' : c.identity,
      generated: c.generated === 'v' ? 's' : c.generated,
    });
  }
  const hiddenOf = (oid: number) => hiddenAttnums.get(oid) ?? new Map<number, string>();
  const constraints: ConstraintRow[] = [];
  for (const con of rows.constraints) {
    const hiddenHere = hiddenOf(con.table_oid);
    const keys = con.columns?.filter((n) => !hiddenHere.has(n)) ?? null;
    // The hidden `rowid` key, or the check CockroachDB before 22.1 put on a shard column.
    if ((con.type === 'p' || con.type === 'u') && keys !== null && keys.length === 0) continue;
    if (con.type === 'c' && con.columns !== null && con.columns.length > 0 && con.columns.every((n) => hiddenHere.has(n))) continue;
    constraints.push({ ...con, columns: con.type === 'c' ? con.columns : keys, definition: withoutTypeAnnotations(con.definition) });
  }
  const catalog: CatalogRows = {
    ...rows,
    columns,
    constraints,
    indexes: rows.indexes.map((index) => indexRow(index, hiddenOf(index.table_oid))),
    policies: rows.policies.map((p) => ({ ...p, using_expr: p.using_expr === null ? null : withoutTypeAnnotations(p.using_expr), check_expr: p.check_expr === null ? null : withoutTypeAnnotations(p.check_expr) })),
  };
  const model = pgModelFromCatalog(catalog, schemas);
  // An identity whose sequence pg_depend does not tie to it (PostgreSQL builds identities from that
  // link): the column's own flag makes it one, and its nextval default and sequence are its own.
  const identities = new Map(columns.filter((c) => c.identity === 'a' || c.identity === 'd').map((c) => [`${tableKey.get(c.table_oid)}.${c.name}`, c]));
  const identitySequences = new Set<string>();
  const tables = model.tables.map((t) => {
    const columnsWithIdentity = t.columns.map((c) => {
      const row = identities.get(`${t.schema}.${t.name}.${c.name}`);
      if (row === undefined || c.identity !== undefined) return c;
      const sequence = row.default_expr === null ? undefined : /^nextval\('(?:[^'.]+\.)?([^'.]+)'::regclass\)$/i.exec(row.default_expr)?.[1];
      if (sequence !== undefined) identitySequences.add(`${t.schema}.${sequence}`);
      const identity: IdentityModel = { type: row.identity === 'a' ? 'always' : 'byDefault', name: undefined, increment: undefined, minValue: undefined, maxValue: undefined, startWith: undefined, cache: undefined, cycle: false };
      return { ...c, identity, default: undefined, notNull: true };
    });
    return cockroachTable({ ...t, columns: columnsWithIdentity }, virtual);
  });
  return {
    ...model,
    dialect: 'cockroach',
    sequences: model.sequences.filter((s) => !identitySequences.has(`${s.schema}.${s.name}`)),
    tables,
  };
}

/** A CockroachDB index row in PostgreSQL's shape: hidden keys out, a shard key making it hash-sharded. */
function indexRow(index: CockroachIndexRow, hidden: ReadonlyMap<number, string>): IndexRow {
  let buckets: string | undefined;
  const keys: IndexRow['keys'] = [];
  for (let k = 0; k < index.key_count; k++) {
    const attnum = index.attnums[k]!;
    const hiddenName = hidden.get(attnum);
    if (hiddenName !== undefined) {
      buckets = shardColumn.exec(hiddenName)?.[2] ?? buckets;
      continue;
    }
    keys.push({ attnum, text: withoutTypeAnnotations(index.texts[k] ?? ''), option: index.key_options[k] ?? 0, opclass: '', opdefault: true });
  }
  // A shard column that is not among the keys still names the index's columns: `crdb_internal_<a>_<b>_shard_<n>`.
  if (buckets === undefined) {
    const names = keys.map((key) => key.text.replace(/^"(.*)"$/, '$1')).join('_');
    for (const name of hidden.values()) {
      const m = shardColumn.exec(name);
      if (m && m[1] === names) buckets = m[2];
    }
  }
  const method = buckets !== undefined ? 'hash' : index.method === 'inverted' ? 'gin' : index.method === 'prefix' || index.method === null ? 'btree' : index.method;
  const options = buckets !== undefined ? [`bucket_count=${buckets}`] : (index.options?.filter((o) => !o.startsWith('bucket_count=')) ?? null);
  return {
    table_oid: index.table_oid,
    name: index.name,
    unique: index.unique,
    method,
    predicate: index.predicate === null ? null : withoutTypeAnnotations(index.predicate),
    options: options !== null && options.length === 0 ? null : options,
    keys,
  };
}

/** The table in the CockroachDB model's spelling: types, virtual columns, jsonb defaults, index NULLS order. */
function cockroachTable(table: TableModel, virtual: ReadonlySet<string>): TableModel {
  return {
    ...table,
    columns: table.columns.map((c) => cockroachColumn(c, virtual.has(`${table.schema}.${table.name}.${c.name}`))),
    indexes: table.indexes.map((i) => ({ ...i, concurrently: false, columns: i.columns.map(indexColumnOrder) })),
  };
}

function cockroachColumn(column: ColumnModel, isVirtual: boolean): ColumnModel {
  const type = column.typeSchema === undefined ? cockroachType(column.type, 'int4') : column.type;
  let defaultText = column.default;
  // A jsonb literal without PostgreSQL's cast (the annotation is gone): the serializer's `'...'::jsonb`.
  if (defaultText !== undefined && type === 'jsonb' && /^'(?:[^']|'')*'$/s.test(defaultText)) {
    try {
      defaultText = `'${jsonbText(JSON.parse(defaultText.slice(1, -1).replace(/''/g, "'"))).replace(/'/g, "''")}'::jsonb`;
    } catch {
      // Not JSON: kept as printed.
    }
  }
  const generated = column.generated && isVirtual ? { ...column.generated, type: 'virtual' as const } : column.generated;
  return { ...column, type, default: defaultText, generated };
}

/**
 * CockroachDB orders NULLs by direction alone, so the model keeps PostgreSQL's default for each
 * direction (last ascending, first descending), on both sides.
 */
export function indexColumnOrder(column: IndexColumnModel): IndexColumnModel {
  return { ...column, nulls: column.order === 'desc' ? 'first' : 'last', opClass: undefined };
}
