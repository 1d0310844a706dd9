import { is } from './entity.js';
import { SchemaError } from './errors.js';
import { DefinedRelations } from './relations.js';
import { readTableConfig } from './table-config.js';
import { Table, TableMeta } from './table.js';
import { View } from './view.js';

/** Schema objects already checked: `drizzle()` may be called per request with the same schema. */
const checked = new WeakSet<object>();

/** `"app"."users"` or `"users"`, as messages name a table. */
function label(table: Table): string {
  const meta = table[TableMeta];
  return meta.schema !== undefined ? `"${meta.schema}"."${meta.name}"` : `"${meta.name}"`;
}

/**
 * Every foreign key of a schema's tables must point at a table of the same schema: a key to a
 * table left out of it means a relation or a migration built from that schema would be missing
 * its target (the kit would write a constraint on a table it never creates). The error names the
 * table and column that refer, and the table that is missing. A target in a database schema none
 * of the tables uses (Supabase's `auth.users`) is a table managed elsewhere, and stays allowed.
 */
export function checkForeignKeyTargets(tables: Iterable<unknown>, where: string): void {
  const own: Table[] = [];
  for (const t of tables) if (is(t, Table) && !is(t, View) && !t[TableMeta].isSubquery) own.push(t);
  const bases = new Set<Table>(own.map((t) => t[TableMeta].base));
  const names = new Set<string>(own.map(label));
  const namespaces = new Set<string | undefined>(own.map((t) => t[TableMeta].schema));
  for (const table of own) {
    for (const fk of readTableConfig(table, 'getTableConfig').foreignKeys) {
      const { columns, foreignTable } = fk.reference();
      if (foreignTable === undefined) continue;
      if (bases.has(foreignTable[TableMeta].base) || names.has(label(foreignTable))) continue;
      if (foreignTable[TableMeta].schema !== undefined && !namespaces.has(foreignTable[TableMeta].schema)) continue;
      const cols = columns.map((c) => c.name).join(', ');
      throw new SchemaError(`${where}: foreign key ${label(table)} (${cols}) references table ${label(foreignTable)}, which is not in the schema; add it to the schema or remove the reference`);
    }
  }
}

/** Checks the tables given to `drizzle({ schema })` or `drizzle({ relations })`, once per object. */
export function checkDatabaseSchema(schema: Record<string, unknown> | undefined, relations: unknown): void {
  const source: object | undefined = relations instanceof DefinedRelations ? relations : schema;
  if (source === undefined || checked.has(source)) return;
  const tables = relations instanceof DefinedRelations ? Object.values(relations.tables) : Object.values(schema!);
  checkForeignKeyTargets(tables, relations instanceof DefinedRelations ? 'drizzle({ relations })' : 'drizzle({ schema })');
  checked.add(source);
}
