/**
 * The rows SQL Server's catalog returns for the kit fixture (mssql-kit-fixture.ts, version 1)
 * after its first migration ran, plus the kit's tracking table: written from the documented
 * columns of sys.schemas, sys.tables, sys.columns (+ sys.types, sys.identity_columns,
 * sys.computed_columns, sys.default_constraints), sys.indexes (+ sys.index_columns),
 * sys.foreign_keys (+ sys.foreign_key_columns), sys.check_constraints and sys.views
 * (+ sys.sql_modules), in the shape the `mssql` package returns them: `bit` as boolean,
 * `max_length` in bytes (an nvarchar(100) is 200, `max` is -1), defaults and checks as SQL
 * Server reprints them (`((1))`, `(N'anon')`, `([balance]>=(0))`), and `sql_modules.definition`
 * as the whole CREATE VIEW statement sent.
 */
import type { CatalogRows, ColumnRow, IndexRow } from '../../../src/dialects/mssql/kit/introspect-queries.js';

const USERS = 245575913;
const POSTS = 277576027;
const INVOICES = 309576141;
const TRACKING = 341576255;

type ColumnSpec = Partial<ColumnRow> & Pick<ColumnRow, 'name' | 'type_name' | 'max_length'>;
function columns(objectId: number, specs: ColumnSpec[]): ColumnRow[] {
  return specs.map((c, i) => ({
    object_id: objectId,
    column_id: i + 1,
    precision: 0,
    scale: 0,
    is_nullable: true,
    is_identity: false,
    seed_value: null,
    increment_value: null,
    is_computed: false,
    computed_definition: null,
    is_persisted: null,
    default_name: null,
    default_definition: null,
    ...c,
  }));
}
const int = { type_name: 'int', max_length: 4, precision: 10, scale: 0 };
const identity = (seed: number) => ({ is_identity: true, seed_value: seed, increment_value: 1, is_nullable: false });

type IndexSpec = Omit<IndexRow, 'object_id' | 'key_ordinal' | 'is_descending_key' | 'column_name' | 'has_filter' | 'filter_definition' | 'is_primary_key' | 'is_unique_constraint' | 'is_unique'> & Partial<IndexRow> & { columns: string[] };
function index(objectId: number, spec: IndexSpec): IndexRow[] {
  const { columns: cols, ...rest } = spec;
  return cols.map((column, i) => ({
    object_id: objectId,
    is_primary_key: false,
    is_unique_constraint: false,
    is_unique: false,
    has_filter: false,
    filter_definition: null,
    is_descending_key: false,
    ...rest,
    key_ordinal: i + 1,
    column_name: column,
  }));
}

export const fixtureCatalogRows: CatalogRows = {
  schemas: [{ name: 'billing' }],
  tables: [
    { schema_name: 'billing', table_name: 'invoices', object_id: INVOICES },
    { schema_name: 'dbo', table_name: '__sluice_migrations', object_id: TRACKING },
    { schema_name: 'dbo', table_name: 'posts', object_id: POSTS },
    { schema_name: 'dbo', table_name: 'users', object_id: USERS },
  ],
  columns: [
    ...columns(USERS, [
      { name: 'id', ...int, ...identity(1) },
      { name: 'email', type_name: 'nvarchar', max_length: 510, is_nullable: false },
      { name: 'name', type_name: 'nvarchar', max_length: 200, is_nullable: false, default_name: 'users_name_default', default_definition: "(N'anon')" },
      { name: 'bio', type_name: 'nvarchar', max_length: -1 },
      { name: 'notes', type_name: 'varchar', max_length: -1 },
      { name: 'active', type_name: 'bit', max_length: 1, precision: 1, is_nullable: false, default_name: 'users_active_default', default_definition: '((1))' },
      { name: 'balance', type_name: 'decimal', max_length: 9, precision: 10, scale: 2, is_nullable: false, default_name: 'users_balance_default', default_definition: '((0.00))' },
      { name: 'created_at', type_name: 'datetime2', max_length: 7, precision: 23, scale: 3, is_nullable: false, default_name: 'users_created_at_default', default_definition: '(getdate())' },
      { name: 'deleted_at', type_name: 'datetime2', max_length: 7, precision: 23, scale: 3 },
      { name: 'avatar', type_name: 'varbinary', max_length: -1 },
    ]),
    ...columns(POSTS, [
      { name: 'id', type_name: 'bigint', max_length: 8, precision: 19, ...identity(1000) },
      { name: 'author_id', ...int, is_nullable: false },
      { name: 'title', type_name: 'nvarchar', max_length: 400, is_nullable: false },
      { name: 'body', type_name: 'nvarchar', max_length: -1 },
      { name: 'published', type_name: 'bit', max_length: 1, precision: 1, is_nullable: false, default_name: 'posts_published_default', default_definition: '((0))' },
    ]),
    ...columns(INVOICES, [
      { name: 'id', ...int, ...identity(1) },
      { name: 'user_id', ...int, is_nullable: false },
      { name: 'amount', type_name: 'decimal', max_length: 9, precision: 12, scale: 2, is_nullable: false },
      { name: 'issued_at', type_name: 'datetime2', max_length: 8, precision: 27, scale: 7, is_nullable: false, default_name: 'invoices_issued_at_default', default_definition: '(getdate())' },
    ]),
    ...columns(TRACKING, [
      { name: 'id', ...int, ...identity(1) },
      { name: 'hash', type_name: 'nvarchar', max_length: 128, is_nullable: false },
    ]),
  ],
  indexes: [
    ...index(INVOICES, { name: 'invoices_pkey', type_desc: 'CLUSTERED', is_primary_key: true, is_unique: true, columns: ['id'] }),
    ...index(POSTS, { name: 'posts_author_id_index', type_desc: 'NONCLUSTERED', columns: ['author_id'] }),
    ...index(POSTS, { name: 'posts_pkey', type_desc: 'CLUSTERED', is_primary_key: true, is_unique: true, columns: ['id'] }),
    ...index(USERS, { name: 'users_email_live_unique', type_desc: 'NONCLUSTERED', is_unique: true, has_filter: true, filter_definition: '([deleted_at] IS NULL)', columns: ['email'] }),
    ...index(USERS, { name: 'users_email_unique', type_desc: 'NONCLUSTERED', is_unique_constraint: true, is_unique: true, columns: ['email'] }),
    ...index(USERS, { name: 'users_name_index', type_desc: 'NONCLUSTERED', columns: ['name'] }),
    ...index(USERS, { name: 'users_pkey', type_desc: 'CLUSTERED', is_primary_key: true, is_unique: true, columns: ['id'] }),
    ...index(TRACKING, { name: 'PK____sluice__3213E83F1A2B3C4D', type_desc: 'CLUSTERED', is_primary_key: true, is_unique: true, columns: ['id'] }),
  ],
  foreignKeys: [
    { object_id: POSTS, name: 'posts_author_id_users_id_fk', ordinal: 1, column_name: 'author_id', ref_schema: 'dbo', ref_table: 'users', ref_column: 'id', on_delete: 'CASCADE', on_update: 'NO_ACTION' },
    { object_id: INVOICES, name: 'invoices_user_id_users_id_fk', ordinal: 1, column_name: 'user_id', ref_schema: 'dbo', ref_table: 'users', ref_column: 'id', on_delete: 'NO_ACTION', on_update: 'NO_ACTION' },
  ],
  checks: [{ object_id: USERS, name: 'users_balance_check', definition: '([balance]>=(0))' }],
  views: [
    {
      schema_name: 'dbo',
      view_name: 'active_users',
      definition: 'CREATE VIEW [dbo].[active_users] AS select [id], [email] from [users] where [users].[active] = 1',
      is_schema_bound: false,
      with_check_option: false,
      has_opaque_metadata: false,
    },
  ],
};
