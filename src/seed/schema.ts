import type { AnyColumn } from '../core/column.js';
import { SeedError } from '../core/errors.js';
import { isTable, readTableConfig } from '../core/table-config.js';
import { TableMeta, type AnyTable } from '../core/table.js';

/** A foreign key between two tables of the schema, by column keys. */
export interface SeedForeignKey {
  columns: string[];
  parent: SeedTable;
  parentColumns: string[];
  /** Every referencing column takes null. */
  nullable: boolean;
  /** The table references itself. */
  self: boolean;
  /** Inserted null: the key closes a cycle (set after every table is filled) or names a table outside the schema (stays null). */
  broken: boolean;
}

/** A table of the schema as seed() and reset() see it. */
export interface SeedTable {
  /** Its key in the schema object. */
  key: string;
  table: AnyTable;
  /** `schema.name` or `name`, for errors and random streams. */
  name: string;
  columns: Map<string, AnyColumn>;
  foreignKeys: SeedForeignKey[];
  /** Columns whose values must differ row to row: a one-column primary key, unique constraint or unique index. */
  uniqueColumns: Set<string>;
  /** Column sets whose combined values must differ (composite primary keys, unique constraints and indexes). */
  uniqueSets: string[][];
  /** The primary key's column keys. */
  primaryKey: string[];
}

/**
 * The tables of a schema object (`import * as schema`), in insert order: a table after every table
 * it references. Relations, enums, views and anything else in the object are passed over.
 */
export function readSchema(schema: Record<string, unknown>, anyCycle = false): SeedTable[] {
  if (schema === null || typeof schema !== 'object') throw new SeedError('seed() and reset() take a schema object of tables, such as `import * as schema`');
  const tables: SeedTable[] = [];
  const byTable = new Map<AnyTable, SeedTable>();
  for (const [key, value] of Object.entries(schema)) {
    if (!isTable(value)) continue;
    const base = value[TableMeta].base;
    if (byTable.has(base)) continue;
    const meta = value[TableMeta];
    const entry: SeedTable = {
      key,
      table: value,
      name: meta.schema ? `${meta.schema}.${meta.name}` : meta.name,
      columns: new Map(Object.entries(meta.columns)),
      foreignKeys: [],
      uniqueColumns: new Set(),
      uniqueSets: [],
      primaryKey: [],
    };
    tables.push(entry);
    byTable.set(base, entry);
  }
  for (const entry of tables) readConstraints(entry, byTable);
  return insertOrder(tables, anyCycle);
}

function readConstraints(entry: SeedTable, byTable: Map<AnyTable, SeedTable>): void {
  const config = readTableConfig(entry.table, 'seed');
  const keyOf = columnKeys(entry);
  const keys = (columns: readonly unknown[]) => columns.map((c) => (c && typeof c === 'object' && 'name' in c ? keyOf.get((c as AnyColumn).name) : undefined));
  const addUnique = (set: (string | undefined)[]) => {
    if (set.some((k) => k === undefined) || set.length === 0) return; // an expression index: nothing to keep distinct by column
    if (set.length === 1) entry.uniqueColumns.add(set[0]!);
    else entry.uniqueSets.push(set as string[]);
  };
  for (const [key, column] of entry.columns) {
    if (column.primary) entry.primaryKey.push(key);
    if (column.isUnique) entry.uniqueColumns.add(key);
  }
  for (const pk of config.primaryKeys) entry.primaryKey = keys(pk.columns).filter((k): k is string => k !== undefined);
  addUnique(entry.primaryKey);
  for (const u of config.uniqueConstraints) addUnique(keys(u.columns));
  for (const index of config.indexes) if (index.unique && index.whereClause === undefined) addUnique(keys(index.columns));
  for (const fk of config.foreignKeys) {
    const { columns, foreignColumns } = fk.reference();
    const parentTable = foreignColumns[0]?.table?.[TableMeta].base;
    const parent = parentTable ? byTable.get(parentTable) : undefined;
    const childKeys = keys(columns) as string[];
    const nullable = columns.every((c) => !c.notNull);
    if (parent === undefined) {
      if (!nullable) throw new SeedError(`${entry.name}.${columns.map((c) => c.name).join(', ')} references ${foreignColumns[0]?.table?.[TableMeta].name ?? 'a table'}, which is not in the schema given to seed()`);
      entry.foreignKeys.push({ columns: childKeys, parent: entry, parentColumns: [], nullable, self: false, broken: true });
      continue;
    }
    const parentKeyOf = columnKeys(parent);
    const parentColumns = foreignColumns.map((c) => parentKeyOf.get(c.name)!);
    entry.foreignKeys.push({ columns: childKeys, parent, parentColumns, nullable, self: parent === entry, broken: false });
  }
}

function columnKeys(entry: SeedTable): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, column] of entry.columns) out.set(column.name, key);
  return out;
}

/**
 * Orders tables parents first (Kahn's algorithm, keeping the schema's order among equals). A cycle
 * is broken at a nullable foreign key, inserted null and set once every table is filled; a cycle of not-null keys cannot be
 * filled and is an error naming its tables (`anyCycle`, for reset(), breaks it anywhere).
 */
function insertOrder(tables: SeedTable[], anyCycle: boolean): SeedTable[] {
  const out: SeedTable[] = [];
  const placed = new Set<SeedTable>();
  const waitsOn = (t: SeedTable) => t.foreignKeys.filter((fk) => !fk.self && !fk.broken && !placed.has(fk.parent));
  while (out.length < tables.length) {
    const ready = tables.find((t) => !placed.has(t) && waitsOn(t).length === 0);
    if (ready) {
      out.push(ready);
      placed.add(ready);
      continue;
    }
    const left = tables.filter((t) => !placed.has(t));
    const breakable = left.flatMap((t) => waitsOn(t).filter((fk) => fk.nullable || anyCycle))[0];
    if (breakable === undefined) throw new SeedError(`seed() cannot order tables whose not-null foreign keys form a cycle: ${left.map((t) => t.name).join(', ')}`);
    breakable.broken = true;
  }
  return out;
}
