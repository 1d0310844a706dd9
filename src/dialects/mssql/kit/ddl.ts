import { UnsupportedError } from '../../../core/errors.js';
import type { Change, RenderContext, Statement, TableRef } from '../../../kit/changes.js';
import type { ColumnModel, TableModel } from '../../../kit/model.js';
import { alterColumnDependents } from './ddl-dependents.js';
import { DEFAULT_SCHEMA, addForeignKey, alterColumnDefinition, checkClause, columnDefinition, createIndex, createTable, createView, defaultConstraintName, primaryKeyClause, quoteId, spRename, tableName, uniqueClause } from './ddl-sql.js';

/**
 * The SQL Server statements for the shared differ's changes, in their order. Each statement is
 * its own batch (the runner sends them one by one), which `CREATE SCHEMA` and `CREATE VIEW` need.
 * Within one change a statement may be bracketed by others on the same table:
 * - a column's DEFAULT constraint (named `<table>_<column>_default`) is dropped before the column
 *   is dropped or retyped, and renamed with its table and column;
 * - a retyped column's unchanged indexes, unique constraints, checks and primary key, which SQL
 *   Server will not let `ALTER COLUMN` change under them, are dropped before it and made again after.
 * What SQL Server cannot do in place throws `UnsupportedError` with the way out: adding or
 * removing `IDENTITY` on an existing column (or changing its seed or increment), renaming a schema.
 * Roles, enums, sequences and row-level security are not managed on SQL Server.
 *
 * @example
 * mssqlRender([{ kind: 'drop_table', table }], ctx);
 * // [{ sql: 'DROP TABLE [dbo].[users]', destructive: 'drops table users and its rows' }]
 */
export function mssqlRender(changes: readonly Change[], ctx: RenderContext): Statement[] {
  const tables = new TableHistory(changes, ctx);
  return changes.flatMap((change) => renderChange(change, tables));
}

/**
 * The old side of a table as a change sees it: changes name a table by its new name, and a
 * column's default constraint or dependents exist only if the table had them before.
 */
class TableHistory {
  private readonly oldNames = new Map<string, TableRef>();
  constructor(
    changes: readonly Change[],
    private readonly ctx: RenderContext,
  ) {
    for (const c of changes) {
      if (c.kind === 'rename_table') this.oldNames.set(key(c.to), this.oldNames.get(key(c.from)) ?? c.from);
      if (c.kind === 'move_table') {
        const from = { schema: c.fromSchema, name: c.table.name };
        this.oldNames.set(key(c.table), this.oldNames.get(key(from)) ?? from);
      }
    }
  }
  from(ref: TableRef): TableModel | undefined {
    const old = this.oldNames.get(key(ref)) ?? ref;
    return this.ctx.from.tables.find((t) => key(t) === key(old));
  }
  to(ref: TableRef): TableModel | undefined {
    return this.ctx.to.tables.find((t) => key(t) === key(ref));
  }
}

const key = (ref: { schema: string | undefined; name: string }): string => `${ref.schema ?? DEFAULT_SCHEMA}.${ref.name}`;

function unsupported(change: Change, what: string): UnsupportedError {
  return new UnsupportedError(`mssql: ${what} (change ${change.kind})`);
}

function alterTable(table: TableRef, clause: string): string {
  return `ALTER TABLE ${tableName(table)} ${clause}`;
}

function dropDefault(table: TableRef, column: string): Statement {
  return { sql: alterTable(table, `DROP CONSTRAINT ${quoteId(defaultConstraintName(table.name, column))}`) };
}

function addDefault(table: TableRef, column: ColumnModel): Statement {
  return { sql: alterTable(table, `ADD CONSTRAINT ${quoteId(defaultConstraintName(table.name, column.name))} DEFAULT ${column.default} FOR ${quoteId(column.name)}`) };
}

/** A constraint's `sp_rename` (constraints are schema-scoped objects). */
function renameConstraint(schema: string | undefined, from: string, to: string): Statement {
  return { sql: spRename(`${quoteId(schema ?? DEFAULT_SCHEMA)}.${quoteId(from)}`, to, 'OBJECT') };
}

function renderChange(change: Change, tables: TableHistory): Statement[] {
  switch (change.kind) {
    case 'create_schema':
      return [{ sql: `CREATE SCHEMA ${quoteId(change.name)}` }];
    case 'drop_schema':
      return [{ sql: `DROP SCHEMA ${quoteId(change.name)}` }];
    case 'rename_schema':
      throw unsupported(
        change,
        `schema ${change.from} cannot be renamed to ${change.to}: SQL Server has no ALTER SCHEMA ... RENAME; create ${change.to}, move the tables with ALTER SCHEMA [${change.to}] TRANSFER, and drop ${change.from} by hand`,
      );
    case 'create_role':
    case 'drop_role':
    case 'rename_role':
    case 'alter_role':
      throw unsupported(change, 'roles are not managed by the kit on SQL Server');
    case 'create_enum':
    case 'drop_enum':
    case 'rename_enum':
    case 'move_enum':
    case 'add_enum_value':
    case 'recreate_enum':
      throw unsupported(change, 'SQL Server has no enum types');
    case 'create_sequence':
    case 'drop_sequence':
    case 'rename_sequence':
    case 'alter_sequence':
      throw unsupported(change, 'sequences are not managed by the kit on SQL Server; use .identity()');
    case 'enable_rls':
    case 'disable_rls':
    case 'create_policy':
    case 'drop_policy':
    case 'rename_policy':
    case 'alter_policy':
      throw unsupported(change, 'row-level security and policies are not managed by the kit on SQL Server');

    case 'create_table':
      return [{ sql: createTable(change.table) }];
    case 'drop_table':
      return [{ sql: `DROP TABLE ${tableName(change.table)}`, destructive: `drops table ${change.table.name} and its rows` }];
    case 'rename_table': {
      const out: Statement[] = [{ sql: spRename(tableName(change.from), change.to.name) }];
      // Default constraints are named after their table: they follow it (in its schema after a move).
      const old = tables.from(change.to);
      for (const c of old?.columns ?? []) {
        if (c.default !== undefined) out.push(renameConstraint(change.to.schema, defaultConstraintName(change.from.name, c.name), defaultConstraintName(change.to.name, c.name)));
      }
      return out;
    }
    case 'move_table':
      return [{ sql: `ALTER SCHEMA ${quoteId(change.table.schema ?? DEFAULT_SCHEMA)} TRANSFER ${tableName({ schema: change.fromSchema, name: change.table.name })}` }];

    case 'add_column':
      return [{ sql: alterTable(change.table, `ADD ${columnDefinition(change.table, change.column)}`) }];
    case 'drop_column': {
      const out: Statement[] = [];
      if (change.column.default !== undefined && change.column.generated === undefined) out.push(dropDefault(change.table, change.column.name));
      out.push({ sql: alterTable(change.table, `DROP COLUMN ${quoteId(change.column.name)}`), destructive: `drops column ${change.column.name} of ${change.table.name} and its values` });
      return out;
    }
    case 'rename_column': {
      const out: Statement[] = [{ sql: spRename(`${tableName(change.table)}.${quoteId(change.from)}`, change.to, 'COLUMN') }];
      const old = tables.from(change.table)?.columns.find((c) => c.name === change.from);
      if (old?.default !== undefined) out.push(renameConstraint(change.table.schema, defaultConstraintName(change.table.name, change.from), defaultConstraintName(change.table.name, change.to)));
      return out;
    }
    case 'alter_column':
      return alterColumn(change, tables);

    case 'add_primary_key':
      return [{ sql: alterTable(change.table, `ADD ${primaryKeyClause(change.primaryKey)}`) }];
    case 'drop_primary_key':
      return [{ sql: alterTable(change.table, `DROP CONSTRAINT ${quoteId(change.primaryKey.name)}`) }];
    case 'rename_primary_key':
      return [renameConstraint(change.table.schema, change.from, change.to)];
    case 'add_unique':
      return [{ sql: alterTable(change.table, `ADD ${uniqueClause(change.table, change.unique)}`) }];
    case 'drop_unique':
      return [{ sql: alterTable(change.table, `DROP CONSTRAINT ${quoteId(change.unique.name)}`) }];
    case 'add_foreign_key':
      return [{ sql: addForeignKey(change.table, change.foreignKey) }];
    case 'drop_foreign_key':
      return [{ sql: alterTable(change.table, `DROP CONSTRAINT ${quoteId(change.foreignKey.name)}`) }];
    case 'add_check':
      return [{ sql: alterTable(change.table, `ADD ${checkClause(change.check)}`) }];
    case 'drop_check':
      return [{ sql: alterTable(change.table, `DROP CONSTRAINT ${quoteId(change.check.name)}`) }];
    case 'create_index':
      return [{ sql: createIndex(change.table, change.index) }];
    case 'drop_index':
      return [{ sql: `DROP INDEX ${quoteId(change.index.name)} ON ${tableName(change.table)}` }];
    case 'rename_index':
      return [{ sql: spRename(`${tableName(change.table)}.${quoteId(change.from)}`, change.to, 'INDEX') }];

    // A view the database already has (`.existing()`) is not the migration's to create or drop.
    case 'create_view':
      return change.view.definition === undefined ? [] : [{ sql: createView(change.view, change.view.definition) }];
    case 'drop_view':
      return change.view.definition === undefined ? [] : [{ sql: `DROP VIEW ${tableName(change.view)}` }];
    case 'rename_view':
      if (change.from.definition === undefined) return [];
      if ((change.from.schema ?? DEFAULT_SCHEMA) !== (change.to.schema ?? DEFAULT_SCHEMA)) {
        return [
          { sql: `ALTER SCHEMA ${quoteId(change.to.schema ?? DEFAULT_SCHEMA)} TRANSFER ${tableName(change.from)}` },
          ...(change.from.name === change.to.name ? [] : [{ sql: spRename(tableName({ schema: change.to.schema, name: change.from.name }), change.to.name) }]),
        ];
      }
      return [{ sql: spRename(tableName(change.from), change.to.name) }];
  }
}

/**
 * One column's changes. Type and nullability go through `ALTER COLUMN` with the column's
 * dependents dropped around it; a default is dropped and added as its named constraint; a change
 * of computed expression drops and adds the column. IDENTITY cannot be added, removed or
 * re-seeded by `ALTER COLUMN`, so that is an error naming the two ways out.
 */
function alterColumn(change: Extract<Change, { kind: 'alter_column' }>, tables: TableHistory): Statement[] {
  const { table, from, to, aspects } = change;
  const label = `${table.name}.${to.name}`;
  if (aspects.includes('identity')) {
    throw new UnsupportedError(
      `mssql: column ${label} changes its IDENTITY (${identityText(from)} -> ${identityText(to)}), which SQL Server cannot alter on an existing column; add a new column and drop the old one in two migrations, or rebuild the table by hand (create, copy with SET IDENTITY_INSERT ON, drop, rename)`,
    );
  }
  if (aspects.includes('generated')) {
    const keepsNothing = from.generated === undefined || to.generated === undefined;
    const out: Statement[] = [];
    if (from.default !== undefined && from.generated === undefined) out.push(dropDefault(table, from.name));
    const drop: Statement = { sql: alterTable(table, `DROP COLUMN ${quoteId(from.name)}`) };
    if (keepsNothing) drop.destructive = `drops and adds ${label} to change how it is computed; its values are not kept`;
    out.push(drop, { sql: alterTable(table, `ADD ${columnDefinition(table, to)}`) });
    return out;
  }
  if (to.generated !== undefined) {
    // SQL Server derives a computed column's type (and a virtual one's nullability) from its
    // expression and has no ALTER for them: the catalog may report a type the schema spells
    // otherwise (`decimal(21,2)` for `[price] * 2`), which is no change to make.
    return [];
  }
  const out: Statement[] = [];
  const retype = aspects.includes('type') || aspects.includes('notNull');
  const hadDefault = from.default !== undefined;
  const dropsDefault = hadDefault && (aspects.includes('default') || retype);
  if (dropsDefault) out.push(dropDefault(table, from.name));
  if (retype) {
    const dependents = alterColumnDependents(table, to.name, tables.from(table), tables.to(table));
    out.push(...dependents.drop);
    const statement: Statement = { sql: alterTable(table, `ALTER COLUMN ${alterColumnDefinition(to)}`) };
    if (aspects.includes('type') && !widens(from.type, to.type)) statement.destructive = `changes the type of ${label} from ${from.type} to ${to.type}`;
    out.push(statement, ...dependents.add);
  }
  if (to.default !== undefined && (dropsDefault || !hadDefault)) out.push(addDefault(table, to));
  return out;
}

const integers = ['tinyint', 'smallint', 'int', 'bigint'];

/**
 * Whether every value of `from` fits `to` unchanged, so the retype loses nothing: a longer
 * string or binary of the same kind, a wider integer, a decimal with no fewer digits on either
 * side of the point, more fractional-second digits.
 */
export function widens(from: string, to: string): boolean {
  if (integers.includes(from) && integers.includes(to)) return integers.indexOf(to) >= integers.indexOf(from);
  const sized = /^(n?var(?:char)|n?char|varbinary|binary)\((\d+|max)\)$/;
  const a = sized.exec(from);
  const b = sized.exec(to);
  if (a && b) {
    const variable = (t: string) => t.includes('var');
    if (a[1]!.replace('var', '') !== b[1]!.replace('var', '') || (variable(a[1]!) && !variable(b[1]!))) return false;
    return b[2] === 'max' || (a[2] !== 'max' && Number(b[2]) >= Number(a[2]));
  }
  const decimal = /^(?:decimal|numeric)\((\d+),(\d+)\)$/;
  const da = decimal.exec(from);
  const db = decimal.exec(to);
  if (da && db) return Number(db[2]) >= Number(da[2]) && Number(db[1]) - Number(db[2]) >= Number(da[1]) - Number(da[2]);
  const fraction = /^(datetime2|datetimeoffset|time)\((\d)\)$/;
  const fa = fraction.exec(from);
  const fb = fraction.exec(to);
  return fa !== null && fb !== null && fa[1] === fb[1] && Number(fb[2]) >= Number(fa[2]);
}

function identityText(column: ColumnModel): string {
  return column.identity === undefined ? 'none' : `IDENTITY(${column.identity.startWith ?? '1'}, ${column.identity.increment ?? '1'})`;
}
