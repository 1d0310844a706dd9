/**
 * SQL Server introspection: the current database read with one `sys.*` query per kind of object
 * (`introspect-queries.ts`: schemas, tables, columns, indexes and keys, foreign keys, checks,
 * views, 7 in all), then assembled into the serializer's model (`mssqlModelFromCatalog`, which
 * the tests feed with rows shaped as SQL Server returns them). What each row means:
 * - A column's DEFAULT constraint becomes its `default`; the constraint's own name is not kept
 *   (the kit names it `<table>_<column>_default` and renames it with the table and column).
 * - `IDENTITY(seed, increment)` is `identity: { type: 'always', startWith, increment }`.
 * - A computed column is `generated` (`stored` when persisted), with the type the catalog reports.
 * - Indexes that back a primary key or unique constraint are that key or constraint; other
 *   indexes keep `clustered` as their method (nonclustered, the default, is left out).
 * - The kit's tracking tables (`__sluice_migrations`, `__drizzle_migrations`) are left out, in
 *   whichever schema they are.
 */
import type { IntrospectOptions } from '../../../kit/dialect.js';
import type { ColumnModel, ForeignKeyModel, IndexModel, SchemaModel, TableModel, ViewModel } from '../../../kit/model.js';
import type { MigrationSession } from '../../../kit/runner.js';
import { quoteId } from './ddl-sql.js';
import { normalizeDefault, normalizeExpression, normalizeType, normalizeViewDefinition, referentialAction } from './introspect-normalize.js';
import { CATALOG_QUERIES, type CatalogRows } from './introspect-queries.js';

const TRACKING_TABLES = new Set(['__sluice_migrations', '__drizzle_migrations']);

/**
 * The model of the session's current database, as the serializer would write the schema it was
 * made from.
 *
 * @example
 * const model = await mssqlIntrospect(session, {});
 */
export async function mssqlIntrospect(session: MigrationSession, options: IntrospectOptions): Promise<SchemaModel> {
  const progress = options.onProgress ?? (() => {});
  const rows: Partial<CatalogRows> = {};
  for (const [step, sql] of Object.entries(CATALOG_QUERIES) as [keyof CatalogRows, string][]) {
    (rows as Record<string, unknown[]>)[step] = await session.query(sql);
    progress(step);
  }
  const model = mssqlModelFromCatalog(rows as CatalogRows);
  if (options.schemas === undefined) return model;
  const wanted = new Set(options.schemas);
  return { ...model, schemas: model.schemas.filter((s) => wanted.has(s)), tables: model.tables.filter((t) => wanted.has(t.schema!)), views: model.views.filter((v) => wanted.has(v.schema!)) };
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
// The driver returns bit as boolean; a recorded row or another client may give 0/1.
const flag = (v: unknown): boolean => v === true || v === 1 || v === '1';

/** The model of a database from its catalog rows (the results of `CATALOG_QUERIES`). */
export function mssqlModelFromCatalog(rows: CatalogRows): SchemaModel {
  const tables = new Map<number, TableModel>();
  for (const r of rows.tables) {
    if (TRACKING_TABLES.has(r.table_name)) continue;
    tables.set(Number(r.object_id), { schema: r.schema_name, name: r.table_name, columns: [], primaryKey: undefined, foreignKeys: [], uniques: [], checks: [], indexes: [], rlsEnabled: false, policies: [] });
  }

  for (const r of rows.columns) {
    const table = tables.get(Number(r.object_id));
    if (table === undefined) continue;
    const computed = flag(r.is_computed) && r.computed_definition !== null;
    const column: ColumnModel = {
      name: r.name,
      type: normalizeType(r.type_name, Number(r.max_length), Number(r.precision), Number(r.scale)),
      typeSchema: undefined,
      notNull: !flag(r.is_nullable),
      default: r.default_definition === null ? undefined : normalizeDefault(r.default_definition),
      generated: computed ? { as: normalizeExpression(r.computed_definition!), type: flag(r.is_persisted) ? 'stored' : 'virtual' } : undefined,
      identity: flag(r.is_identity) ? { type: 'always', name: undefined, startWith: text(r.seed_value ?? 1), increment: text(r.increment_value ?? 1), minValue: undefined, maxValue: undefined, cache: undefined, cycle: false } : undefined,
      autoincrement: false,
      onUpdate: undefined,
    };
    table.columns.push(column);
  }

  readIndexes(tables, rows.indexes);
  readForeignKeys(tables, rows.foreignKeys);
  for (const r of rows.checks) {
    tables.get(Number(r.object_id))?.checks.push({ name: r.name, expression: normalizeExpression(r.definition) });
  }

  const views: ViewModel[] = rows.views.map((r) => {
    const options: Record<string, string | boolean> = {};
    if (flag(r.with_check_option)) options.checkOption = true;
    if (r.definition === null) options.encryption = true;
    if (flag(r.is_schema_bound)) options.schemaBinding = true;
    if (flag(r.has_opaque_metadata)) options.viewMetadata = true;
    return { schema: r.schema_name, name: r.view_name, definition: r.definition === null ? undefined : normalizeViewDefinition(r.definition), materialized: false, options };
  });

  return { dialect: 'mssql', schemas: rows.schemas.map((s) => s.name), enums: [], sequences: [], tables: [...tables.values()], views, roles: [] };
}

function readIndexes(tables: Map<number, TableModel>, rows: CatalogRows['indexes']): void {
  const seen = new Map<string, { table: TableModel; kind: 'pk' | 'unique' | 'index'; model: { name: string; columns: string[] } | IndexModel }>();
  for (const r of rows) {
    const table = tables.get(Number(r.object_id));
    if (table === undefined) continue;
    const id = `${r.object_id}\0${r.name}`;
    let entry = seen.get(id);
    if (entry === undefined) {
      if (flag(r.is_primary_key)) {
        const pk = { name: r.name, columns: [] as string[] };
        table.primaryKey = pk;
        entry = { table, kind: 'pk', model: pk };
      } else if (flag(r.is_unique_constraint)) {
        const unique = { name: r.name, columns: [] as string[], nullsNotDistinct: false };
        table.uniques.push(unique);
        entry = { table, kind: 'unique', model: unique };
      } else {
        const index: IndexModel = {
          name: r.name,
          columns: [],
          unique: flag(r.is_unique),
          where: flag(r.has_filter) && r.filter_definition !== null ? normalizeExpression(r.filter_definition) : undefined,
          method: r.type_desc.toUpperCase() === 'CLUSTERED' ? 'clustered' : undefined,
          concurrently: false,
          with: undefined,
        };
        table.indexes.push(index);
        entry = { table, kind: 'index', model: index };
      }
      seen.set(id, entry);
    }
    if (entry.kind === 'index') {
      (entry.model as IndexModel).columns.push({ expression: quoteId(r.column_name), isExpression: false, order: flag(r.is_descending_key) ? 'desc' : 'asc', nulls: 'last', opClass: undefined });
    } else {
      (entry.model as { columns: string[] }).columns.push(r.column_name);
    }
  }
}

function readForeignKeys(tables: Map<number, TableModel>, rows: CatalogRows['foreignKeys']): void {
  const fks = new Map<string, ForeignKeyModel>();
  for (const r of rows) {
    const table = tables.get(Number(r.object_id));
    if (table === undefined) continue;
    const id = `${r.object_id}\0${r.name}`;
    let fk = fks.get(id);
    if (fk === undefined) {
      fk = { name: r.name, columns: [], tableTo: r.ref_table, schemaTo: r.ref_schema, columnsTo: [], onDelete: referentialAction(r.on_delete), onUpdate: referentialAction(r.on_update) };
      fks.set(id, fk);
      table.foreignKeys.push(fk);
    }
    fk.columns.push(r.column_name);
    fk.columnsTo.push(r.ref_column);
  }
}
