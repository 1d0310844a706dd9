/**
 * The catalog queries PostgreSQL introspection runs: one per kind of object, each for every
 * selected schema at once, so the number of round trips does not grow with the database.
 * Every query takes the selected schema names as `$1` (a text array).
 */
import type { MigrationSession } from '../../../kit/runner.js';

export interface TableRow {
  oid: number;
  schema: string;
  name: string;
  rls: boolean;
}

export interface ColumnRow {
  table_oid: number;
  attnum: number;
  name: string;
  type: string;
  not_null: boolean;
  default_expr: string | null;
  identity: string;
  generated: string;
  /** `e` when the column's type (or its array element type) is an enum. */
  base_typtype: string;
  base_type_schema: string;
  base_type_name: string;
  array_dims: number;
}

export interface ConstraintRow {
  table_oid: number;
  name: string;
  type: 'p' | 'f' | 'u' | 'c';
  columns: number[] | null;
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[] | null;
  on_update: string;
  on_delete: string;
  definition: string;
  nulls_not_distinct: boolean;
}

export interface IndexRow {
  table_oid: number;
  name: string;
  unique: boolean;
  method: string;
  predicate: string | null;
  options: string[] | null;
  keys: { attnum: number; text: string; option: number; opclass: string; opdefault: boolean }[];
}

export interface EnumRow {
  schema: string;
  name: string;
  values: string[];
}

export interface SequenceRow {
  schema: string;
  name: string;
  type: string;
  increment: string;
  min_value: string;
  max_value: string;
  start: string;
  cache: string;
  cycle: boolean;
  /** The owning column's table oid and attnum, and `a` (serial) or `i` (identity) for how it is owned. */
  owner_oid: number | null;
  owner_attnum: number | null;
  owned_as: string | null;
}

export interface ViewRow {
  schema: string;
  name: string;
  materialized: boolean;
  definition: string;
  options: string[] | null;
  method: string | null;
  tablespace: string | null;
  populated: boolean;
}

export interface PolicyRow {
  table_oid: number;
  name: string;
  permissive: boolean;
  command: string;
  roles: string[];
  using_expr: string | null;
  check_expr: string | null;
}

export interface RoleRow {
  name: string;
  create_db: boolean;
  create_role: boolean;
  inherit: boolean;
}

const TABLES = `
select c.oid::int as oid, n.nspname as schema, c.relname as name, c.relrowsecurity as rls
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and n.nspname = any($1::text[]) and not c.relispartition
order by n.nspname, c.relname`;

// format_type prints the type as DDL would (with modifiers); the element type tells enums apart.
const COLUMNS = `
select a.attrelid::int as table_oid, a.attnum::int as attnum, a.attname as name,
  format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
  pg_get_expr(d.adbin, d.adrelid) as default_expr, a.attidentity::text as identity, a.attgenerated::text as generated,
  bt.typtype::text as base_typtype, btn.nspname as base_type_schema, bt.typname as base_type_name, a.attndims::int as array_dims
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_type t on t.oid = a.atttypid
join pg_type bt on bt.oid = case when t.typelem <> 0 and t.typlen = -1 and t.typcategory = 'A' then t.typelem else t.oid end
join pg_namespace btn on btn.oid = bt.typnamespace
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where c.relkind in ('r', 'p') and n.nspname = any($1::text[]) and a.attnum > 0 and not a.attisdropped
order by a.attrelid, a.attnum`;

const CONSTRAINTS = `
select con.conrelid::int as table_oid, con.conname as name, con.contype::text as type, con.conkey::int[] as columns,
  rn.nspname as ref_schema, rc.relname as ref_table,
  array(select ra.attname::text from unnest(con.confkey) with ordinality k(attnum, ord)
        join pg_attribute ra on ra.attrelid = con.confrelid and ra.attnum = k.attnum order by k.ord) as ref_columns,
  con.confupdtype::text as on_update, con.confdeltype::text as on_delete,
  pg_get_constraintdef(con.oid) as definition, coalesce(ix.indnullsnotdistinct, false) as nulls_not_distinct
from pg_constraint con
join pg_class c on c.oid = con.conrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_class rc on rc.oid = con.confrelid
left join pg_namespace rn on rn.oid = rc.relnamespace
left join pg_index ix on ix.indexrelid = con.conindid and con.contype = 'u'
where con.contype in ('p', 'f', 'u', 'c') and c.relkind in ('r', 'p') and n.nspname = any($1::text[]) and con.conislocal
order by con.conrelid, con.conname`;

// Indexes that back a constraint (primary key, unique, exclusion) belong to the constraint.
// indoption bit 0 is DESC, bit 1 NULLS FIRST; int2vector and oidvector subscripts start at 0.
const INDEXES = `
select i.indrelid::int as table_oid, ic.relname as name, i.indisunique as unique, am.amname as method,
  pg_get_expr(i.indpred, i.indrelid) as predicate, ic.reloptions as options,
  (select json_agg(json_build_object('attnum', i.indkey[k - 1], 'text', pg_get_indexdef(i.indexrelid, k, true),
     'option', i.indoption[k - 1], 'opclass', opc.opcname, 'opdefault', opc.opcdefault) order by k)
   from generate_series(1, i.indnkeyatts) k join pg_opclass opc on opc.oid = i.indclass[k - 1]) as keys
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
join pg_class c on c.oid = i.indrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_am am on am.oid = ic.relam
where c.relkind in ('r', 'p') and n.nspname = any($1::text[])
  and not exists (select 1 from pg_constraint con where con.conindid = i.indexrelid and con.contype in ('p', 'u', 'x'))
order by i.indrelid, ic.relname`;

// Enums of the selected schemas, and those the selected tables' columns use wherever they live.
const ENUMS = `
select n.nspname as schema, t.typname as name, array(select e.enumlabel::text from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder) as values
from pg_type t join pg_namespace n on n.oid = t.typnamespace
where t.typtype = 'e' and (n.nspname = any($1::text[]) or exists (
  select 1 from pg_attribute a
  join pg_class c on c.oid = a.attrelid and c.relkind in ('r', 'p')
  join pg_namespace cn on cn.oid = c.relnamespace and cn.nspname = any($1::text[])
  join pg_type at on at.oid = a.atttypid
  where a.attnum > 0 and not a.attisdropped and (at.oid = t.oid or at.typelem = t.oid)))
order by n.nspname, t.typname`;

const SEQUENCES = `
select n.nspname as schema, c.relname as name, format_type(s.seqtypid, null) as type,
  s.seqincrement::text as increment, s.seqmin::text as min_value, s.seqmax::text as max_value,
  s.seqstart::text as start, s.seqcache::text as cache, s.seqcycle as cycle,
  d.refobjid::int as owner_oid, d.refobjsubid::int as owner_attnum, d.deptype::text as owned_as
from pg_sequence s
join pg_class c on c.oid = s.seqrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = c.oid and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
where n.nspname = any($1::text[])
order by n.nspname, c.relname`;

const VIEWS = `
select n.nspname as schema, c.relname as name, c.relkind = 'm' as materialized, pg_get_viewdef(c.oid, true) as definition,
  c.reloptions as options, am.amname as method, ts.spcname as tablespace, c.relispopulated as populated
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
left join pg_am am on am.oid = c.relam
left join pg_tablespace ts on ts.oid = c.reltablespace
where c.relkind in ('v', 'm') and n.nspname = any($1::text[])
order by n.nspname, c.relname`;

// Role oid 0 in polroles is PUBLIC.
const POLICIES = `
select p.polrelid::int as table_oid, p.polname as name, p.polpermissive as permissive, p.polcmd::text as command,
  array(select case when r = 0 then 'public' else pg_get_userbyid(r)::text end from unnest(p.polroles) r) as roles,
  pg_get_expr(p.polqual, p.polrelid) as using_expr, pg_get_expr(p.polwithcheck, p.polrelid) as check_expr
from pg_policy p
join pg_class c on c.oid = p.polrelid
join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any($1::text[])
order by p.polrelid, p.polname`;

// The database's own roles (pg_*) and the role introspecting are not the schema's. Roles belong
// to no schema; $1 is only referenced because every query takes the same parameters.
const ROLES = `
select rolname as name, rolcreatedb as create_db, rolcreaterole as create_role, rolinherit as inherit
from pg_roles
where rolname not like 'pg\\_%' and rolname <> current_user and $1::text[] is not null
order by rolname`;

/** Every row introspection reads, by kind. */
export interface CatalogRows {
  tables: TableRow[];
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  indexes: IndexRow[];
  enums: EnumRow[];
  sequences: SequenceRow[];
  views: ViewRow[];
  policies: PolicyRow[];
  roles: RoleRow[];
}

/** The catalog query of each kind of object; CockroachDB's introspection runs variants of some of them. */
export const PG_CATALOG_QUERIES: { readonly [K in keyof CatalogRows]: string } = {
  tables: TABLES,
  columns: COLUMNS,
  constraints: CONSTRAINTS,
  indexes: INDEXES,
  enums: ENUMS,
  sequences: SEQUENCES,
  views: VIEWS,
  policies: POLICIES,
  roles: ROLES,
};

/**
 * The schemas introspection reads: the `requested` ones that exist, or by default all but
 * PostgreSQL's own, the kit's tracking schemas and `systemSchemas` (a database's own others, such
 * as CockroachDB's `crdb_internal`).
 */
export async function selectSchemas(session: MigrationSession, requested: readonly string[] | undefined, systemSchemas: readonly string[] = []): Promise<string[]> {
  const rows = await session.query<{ name: string }>(
    `select nspname as name from pg_namespace
     where case when $1::text[] is null then nspname not like 'pg\\_%' and nspname not in ('information_schema', 'sluice', 'drizzle') and not nspname = any($2::text[])
                else nspname = any($1::text[]) end
     order by nspname`,
    [requested === undefined ? null : [...requested], [...systemSchemas]],
  );
  return rows.map((r) => r.name);
}

/** Runs the catalog queries one after another (a session may be a single connection), reporting each. */
export async function readCatalog(session: MigrationSession, schemas: readonly string[], onProgress?: (step: string) => void, queries: { readonly [K in keyof CatalogRows]: string } = PG_CATALOG_QUERIES): Promise<CatalogRows> {
  const out: Partial<Record<keyof CatalogRows, unknown[]>> = {};
  for (const kind of Object.keys(queries) as (keyof CatalogRows)[]) {
    out[kind] = await session.query(queries[kind], [[...schemas]]);
    onProgress?.(`read ${out[kind].length} ${kind}`);
  }
  return out as CatalogRows;
}
