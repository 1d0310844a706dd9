/**
 * The catalog queries SQL Server introspection runs: one per kind of object, each over the whole
 * current database (`sys.*` views), so the number of round trips does not grow with it. Each row
 * type lists the columns its query selects, under the names it selects them; the values are as
 * the `mssql` package returns them (`bit` as boolean, `sql_variant` seeds as numbers, nullable
 * columns as null).
 */

/** Schemas users made: ids 5..16383 (1-4 are dbo, guest, INFORMATION_SCHEMA and sys; 16384+ are the fixed database roles'). */
export const SCHEMAS_QUERY = 'select s.name as name from sys.schemas s where s.schema_id between 5 and 16383 order by s.name';
export interface SchemaRow {
  name: string;
}

export const TABLES_QUERY = 'select s.name as schema_name, t.name as table_name, t.object_id as object_id from sys.tables t join sys.schemas s on s.schema_id = t.schema_id where t.is_ms_shipped = 0 order by s.name, t.name';
export interface TableRow {
  schema_name: string;
  table_name: string;
  object_id: number;
}

/**
 * Columns with their type's parameters, identity, computed expression and DEFAULT constraint.
 * `max_length` is in bytes (-1 for `max`), so an `nvarchar(10)` reports 20.
 */
export const COLUMNS_QUERY = [
  'select c.object_id as object_id, c.column_id as column_id, c.name as name, ty.name as type_name, c.max_length as max_length, c.precision as precision, c.scale as scale,',
  'c.is_nullable as is_nullable, c.is_identity as is_identity, cast(ic.seed_value as bigint) as seed_value, cast(ic.increment_value as bigint) as increment_value,',
  'c.is_computed as is_computed, cc.definition as computed_definition, cc.is_persisted as is_persisted, dc.name as default_name, dc.definition as default_definition',
  'from sys.columns c',
  'join sys.tables t on t.object_id = c.object_id',
  'join sys.types ty on ty.user_type_id = c.user_type_id',
  'left join sys.identity_columns ic on ic.object_id = c.object_id and ic.column_id = c.column_id',
  'left join sys.computed_columns cc on cc.object_id = c.object_id and cc.column_id = c.column_id',
  'left join sys.default_constraints dc on dc.parent_object_id = c.object_id and dc.parent_column_id = c.column_id',
  'where t.is_ms_shipped = 0',
  'order by c.object_id, c.column_id',
].join('\n');
export interface ColumnRow {
  object_id: number;
  column_id: number;
  name: string;
  type_name: string;
  max_length: number;
  precision: number;
  scale: number;
  is_nullable: boolean;
  is_identity: boolean;
  seed_value: number | string | null;
  increment_value: number | string | null;
  is_computed: boolean;
  computed_definition: string | null;
  is_persisted: boolean | null;
  default_name: string | null;
  default_definition: string | null;
}

/** Primary keys, unique constraints and indexes (a heap's row, `type = 0`, and included columns left out), one row per key column. */
export const INDEXES_QUERY = [
  'select i.object_id as object_id, i.name as name, i.type_desc as type_desc, i.is_primary_key as is_primary_key, i.is_unique_constraint as is_unique_constraint, i.is_unique as is_unique,',
  'i.has_filter as has_filter, i.filter_definition as filter_definition, ic.key_ordinal as key_ordinal, ic.is_descending_key as is_descending_key, c.name as column_name',
  'from sys.indexes i',
  'join sys.tables t on t.object_id = i.object_id',
  'join sys.index_columns ic on ic.object_id = i.object_id and ic.index_id = i.index_id',
  'join sys.columns c on c.object_id = ic.object_id and c.column_id = ic.column_id',
  'where t.is_ms_shipped = 0 and i.type > 0 and ic.is_included_column = 0',
  'order by i.object_id, i.name, ic.key_ordinal',
].join('\n');
export interface IndexRow {
  object_id: number;
  name: string;
  /** `CLUSTERED`, `NONCLUSTERED`, ... */
  type_desc: string;
  is_primary_key: boolean;
  is_unique_constraint: boolean;
  is_unique: boolean;
  has_filter: boolean;
  filter_definition: string | null;
  key_ordinal: number;
  is_descending_key: boolean;
  column_name: string;
}

/** Foreign keys, one row per column pair. */
export const FOREIGN_KEYS_QUERY = [
  'select fk.parent_object_id as object_id, fk.name as name, fkc.constraint_column_id as ordinal, pc.name as column_name,',
  'rs.name as ref_schema, rt.name as ref_table, rc.name as ref_column,',
  'fk.delete_referential_action_desc as on_delete, fk.update_referential_action_desc as on_update',
  'from sys.foreign_keys fk',
  'join sys.foreign_key_columns fkc on fkc.constraint_object_id = fk.object_id',
  'join sys.columns pc on pc.object_id = fkc.parent_object_id and pc.column_id = fkc.parent_column_id',
  'join sys.tables rt on rt.object_id = fkc.referenced_object_id',
  'join sys.schemas rs on rs.schema_id = rt.schema_id',
  'join sys.columns rc on rc.object_id = fkc.referenced_object_id and rc.column_id = fkc.referenced_column_id',
  'where fk.is_ms_shipped = 0',
  'order by fk.parent_object_id, fk.name, fkc.constraint_column_id',
].join('\n');
export interface ForeignKeyRow {
  object_id: number;
  name: string;
  ordinal: number;
  column_name: string;
  ref_schema: string;
  ref_table: string;
  ref_column: string;
  /** `NO_ACTION`, `CASCADE`, `SET_NULL`, `SET_DEFAULT`. */
  on_delete: string;
  on_update: string;
}

export const CHECKS_QUERY = 'select cc.parent_object_id as object_id, cc.name as name, cc.definition as definition from sys.check_constraints cc where cc.is_ms_shipped = 0 order by cc.parent_object_id, cc.name';
export interface CheckRow {
  object_id: number;
  name: string;
  definition: string;
}

/** Views with the text they were created from (`sql_modules` keeps the whole `CREATE VIEW`; null when encrypted). */
export const VIEWS_QUERY = [
  'select s.name as schema_name, v.name as view_name, m.definition as definition, m.is_schema_bound as is_schema_bound, v.with_check_option as with_check_option, v.has_opaque_metadata as has_opaque_metadata',
  'from sys.views v',
  'join sys.schemas s on s.schema_id = v.schema_id',
  'left join sys.sql_modules m on m.object_id = v.object_id',
  'where v.is_ms_shipped = 0',
  'order by s.name, v.name',
].join('\n');
export interface ViewRow {
  schema_name: string;
  view_name: string;
  definition: string | null;
  is_schema_bound: boolean;
  with_check_option: boolean;
  has_opaque_metadata: boolean;
}

/** Every catalog query, in the order introspection runs them. */
export const CATALOG_QUERIES = { schemas: SCHEMAS_QUERY, tables: TABLES_QUERY, columns: COLUMNS_QUERY, indexes: INDEXES_QUERY, foreignKeys: FOREIGN_KEYS_QUERY, checks: CHECKS_QUERY, views: VIEWS_QUERY } as const;

export interface CatalogRows {
  schemas: SchemaRow[];
  tables: TableRow[];
  columns: ColumnRow[];
  indexes: IndexRow[];
  foreignKeys: ForeignKeyRow[];
  checks: CheckRow[];
  views: ViewRow[];
}
