/**
 * The catalog queries CockroachDB introspection runs. CockroachDB keeps PostgreSQL's `pg_catalog`,
 * so these are PostgreSQL's queries (`PG_CATALOG_QUERIES`) where CockroachDB fills the catalog the
 * same way, and variants of them where it does not (from CockroachDB's `pg_catalog` sources):
 * - `pg_class.relispartition`, `relrowsecurity` and `relispopulated` are NULL, so they are read
 *   through `coalesce`;
 * - `pg_index.indclass` is all zeros (there are no operator classes) and `indnullsnotdistinct`
 *   does not exist, so index keys are read without `pg_opclass` and unique constraints are never
 *   `NULLS NOT DISTINCT`;
 * - Roles are not read: `sluice/cockroach-core` declares none, so a CockroachDB model has none
 *   (and `pull` writes none).
 * Every variant is also valid PostgreSQL (the tests run them on a PostgreSQL server). One query is
 * CockroachDB's alone: the hidden columns (`rowid`, a hash-sharded index's shard column), which
 * `pg_attribute` lists like any other and only `information_schema.columns.is_hidden` marks.
 */
import type { MigrationSession } from '../../../kit/runner.js';
import { PG_CATALOG_QUERIES, type CatalogRows } from '../../pg/kit/introspect-queries.js';

/** A query with `fragment` replaced; throws when the PostgreSQL query no longer holds it, so a change there cannot silently skip the variant. */
function variant(query: string, fragment: string, replacement: string): string {
  if (!query.includes(fragment)) throw new Error(`cockroach introspection: the PostgreSQL catalog query no longer contains ${JSON.stringify(fragment)}`);
  return query.replace(fragment, replacement);
}

/** An index's keys as arrays the client reads, since CockroachDB has no operator classes to join. */
const INDEXES = `
select i.indrelid::int as table_oid, ic.relname as name, i.indisunique as unique, am.amname as method,
  pg_get_expr(i.indpred, i.indrelid) as predicate, ic.reloptions as options,
  i.indkey::int2[] as attnums, i.indoption::int2[] as key_options, i.indnkeyatts::int as key_count,
  array(select pg_get_indexdef(i.indexrelid, k, true) from generate_series(1, i.indnkeyatts) k order by k) as texts
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
join pg_class c on c.oid = i.indrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_am am on am.oid = ic.relam
where c.relkind in ('r', 'p') and n.nspname = any($1::text[])
  and not exists (select 1 from pg_constraint con where con.conindid = i.indexrelid and con.contype in ('p', 'u', 'x'))
order by i.indrelid, ic.relname`;

function withoutRoles<T extends { roles: string }>(queries: T): Omit<T, 'roles'> {
  const { roles: _roles, ...rest } = queries;
  return rest;
}

/** The queries of every kind but roles, as CockroachDB needs them (see the file's comment for each difference). */
export const COCKROACH_CATALOG_QUERIES = {
  ...withoutRoles(PG_CATALOG_QUERIES),
  tables: variant(variant(PG_CATALOG_QUERIES.tables, 'c.relrowsecurity as rls', 'coalesce(c.relrowsecurity, false) as rls'), 'not c.relispartition', 'not coalesce(c.relispartition, false)'),
  constraints: variant(PG_CATALOG_QUERIES.constraints, 'coalesce(ix.indnullsnotdistinct, false) as nulls_not_distinct', 'false as nulls_not_distinct'),
  indexes: INDEXES,
  views: variant(PG_CATALOG_QUERIES.views, 'c.relispopulated as populated', 'coalesce(c.relispopulated, true) as populated'),
} as const;

/** CockroachDB-only: hidden columns of the selected schemas' tables. */
export const HIDDEN_COLUMNS = `
select table_schema as schema, table_name as table, column_name as name
from information_schema.columns
where is_hidden = 'YES' and table_schema = any($1::text[])
order by table_schema, table_name, column_name`;

/** CockroachDB's own schemas, never a project's. */
export const COCKROACH_SYSTEM_SCHEMAS = ['crdb_internal', 'pg_extension'] as const;

/** An index row as the CockroachDB index query returns it. */
export interface CockroachIndexRow {
  table_oid: number;
  name: string;
  unique: boolean;
  /** `prefix` (CockroachDB's forward index) or `inverted`; PostgreSQL's own names when run there. */
  method: string | null;
  predicate: string | null;
  options: string[] | null;
  attnums: number[];
  key_options: number[];
  key_count: number;
  texts: string[];
}

export interface HiddenColumnRow {
  schema: string;
  table: string;
  name: string;
}

/** Every row CockroachDB introspection reads. */
export type CockroachCatalogRows = Omit<CatalogRows, 'indexes'> & { indexes: CockroachIndexRow[]; hidden: HiddenColumnRow[] };

/** Runs the catalog queries one after another, then the hidden-column query, reporting each. */
export async function readCockroachCatalog(session: MigrationSession, schemas: readonly string[], onProgress?: (step: string) => void): Promise<CockroachCatalogRows> {
  const out: Record<string, unknown[]> = {};
  for (const [kind, query] of Object.entries(COCKROACH_CATALOG_QUERIES)) {
    out[kind] = await session.query(query, [[...schemas]]);
    onProgress?.(`read ${out[kind].length} ${kind}`);
  }
  out.roles = [];
  out.hidden = await session.query(HIDDEN_COLUMNS, [[...schemas]]);
  onProgress?.(`read ${out.hidden.length} hidden columns`);
  return out as unknown as CockroachCatalogRows;
}
