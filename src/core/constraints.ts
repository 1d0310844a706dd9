import type { AnyColumn, ReferenceAction } from './column.js';
import { entityKind } from './entity.js';
import { SchemaError } from './errors.js';
import type { SQL } from './sql.js';
import { TableMeta, type Table } from './table.js';

type IndexColumn = AnyColumn | SQL;

/** An index, built with `index(name).on(...)` or `uniqueIndex(name).on(...)`. */
export class Index {
  static readonly [entityKind] = 'Index';
  columns: IndexColumn[] = [];
  whereClause: SQL | undefined;
  method: string | undefined;
  isConcurrently = false;
  only = false;
  withOptions: Record<string, unknown> | undefined;
  /** The table it belongs to, set by `getTableConfig`. */
  table: Table | undefined;
  constructor(
    readonly name: string | undefined,
    readonly unique: boolean,
  ) {}

  /** The indexed columns or expressions. */
  on(...columns: IndexColumn[]): this {
    if (columns.length === 0) throw new SchemaError(`index "${this.name ?? ''}": on() needs at least one column`);
    this.columns = columns.map(snapshotIndexColumn);
    return this;
  }
  /** Like `on`, for PostgreSQL's `ONLY`. */
  onOnly(...columns: IndexColumn[]): this {
    this.only = true;
    return this.on(...columns);
  }
  /** A partial index: only rows matching the condition. */
  where(condition: SQL): this {
    this.whereClause = condition;
    return this;
  }
  /** The index method (`btree`, `hash`, `gin`, ...) and its columns. */
  using(method: string, ...columns: IndexColumn[]): this {
    this.method = method;
    if (columns.length > 0) this.columns = columns.map(snapshotIndexColumn);
    return this;
  }
  /** PostgreSQL `create index concurrently`. */
  concurrently(): this {
    this.isConcurrently = true;
    return this;
  }
  /** The same as `concurrently()`. */
  concurrentlyBuild(): this {
    return this.concurrently();
  }
  /** Storage parameters (`with (fillfactor = 70)`). */
  with(options: Record<string, unknown>): this {
    this.withOptions = options;
    return this;
  }
  /** The definition in Drizzle's shape (`index.config.name`, `.columns`, `.unique`, ...), for tools that read it. */
  get config(): {
    name: string | undefined;
    columns: IndexColumn[];
    unique: boolean;
    concurrently: boolean;
    only: boolean;
    method: string | undefined;
    using: string | undefined;
    where: SQL | undefined;
    with: Record<string, unknown> | undefined;
    table: Table | undefined;
  } {
    // PostgreSQL's readers call the method `method`, MySQL's `using`.
    return { name: this.name, columns: this.columns, unique: this.unique, concurrently: this.isConcurrently, only: this.only, method: this.method, using: this.method, where: this.whereClause, with: this.withOptions, table: this.table };
  }
}

/**
 * Keeps the order and nulls a column was given for this index (`t.name.desc()`), and resets the
 * column so the next index that names it starts from the defaults, as in Drizzle.
 */
function snapshotIndexColumn(column: IndexColumn): IndexColumn {
  const options = (column as { indexConfig?: { order: string; nulls: string; opClass: string | undefined } }).indexConfig;
  if (options === undefined) return column;
  const copy = Object.create(column) as { indexConfig: typeof options };
  copy.indexConfig = { ...options };
  (column as unknown as { indexConfig: typeof options }).indexConfig = { order: 'asc', nulls: 'last', opClass: undefined };
  return copy as unknown as IndexColumn;
}

/** `index('name').on(table.col)` */
export function index(name?: string): Index {
  return new Index(name, false);
}
/** `uniqueIndex('name').on(table.col)` */
export function uniqueIndex(name?: string): Index {
  return new Index(name, true);
}

/** A composite primary key: `primaryKey({ columns: [t.a, t.b] })`. */
export class PrimaryKey {
  static readonly [entityKind] = 'PrimaryKey';
  /** The table it belongs to, set by `getTableConfig`. */
  table: Table | undefined;
  constructor(
    readonly columns: AnyColumn[],
    readonly name: string | undefined,
  ) {}
  /** Its name, or the default `<table>_<columns>_pk`. */
  getName(): string {
    return this.name ?? `${tableNameOf(this.table, this.columns)}_${this.columns.map((c) => c.name).join('_')}_pk`;
  }
}

function tableNameOf(table: Table | undefined, columns: AnyColumn[]): string {
  return (table ?? columns[0]?.table)?.[TableMeta].name ?? '';
}
export function primaryKey(config: { columns: AnyColumn[]; name?: string }): PrimaryKey;
export function primaryKey(...columns: AnyColumn[]): PrimaryKey;
export function primaryKey(...args: unknown[]): PrimaryKey {
  const first = args[0] as { columns?: AnyColumn[]; name?: string } | AnyColumn;
  if (first && typeof first === 'object' && 'columns' in first && Array.isArray(first.columns)) {
    if (first.columns.length === 0) throw new SchemaError('primaryKey() needs at least one column');
    return new PrimaryKey(first.columns, first.name);
  }
  return new PrimaryKey(args as AnyColumn[], undefined);
}

/** A table-level unique constraint: `unique('name').on(t.a, t.b)`. */
export class UniqueConstraint {
  static readonly [entityKind] = 'UniqueConstraint';
  columns: AnyColumn[] = [];
  isNullsNotDistinct = false;
  constructor(readonly name: string | undefined) {}
  on(...columns: AnyColumn[]): this {
    this.columns = columns;
    return this;
  }
  /** PostgreSQL 15 `unique nulls not distinct`. */
  nullsNotDistinct(): this {
    this.isNullsNotDistinct = true;
    return this;
  }
  /** The same as `nullsNotDistinct()`. */
  nullsNotDistinctOn(): this {
    return this.nullsNotDistinct();
  }
  /** The constraint as `getTableConfig` lists it: named (by default `<table>_<columns>_unique`) and tied to its table. */
  build(table: Table): BuiltUniqueConstraint {
    const name =
      this.name ??
      uniqueKeyName(
        table,
        this.columns.map((c) => c.name),
      );
    return { table, name, columns: this.columns, nullsNotDistinct: this.isNullsNotDistinct, getName: () => name };
  }
}

/** The default name of a unique constraint: `<table>_<columns>_unique`. */
export function uniqueKeyName(table: Table, columns: string[]): string {
  return `${table[TableMeta].name}_${columns.join('_')}_unique`;
}

/** A unique constraint as `getTableConfig` returns it. */
export interface BuiltUniqueConstraint {
  readonly table: Table;
  readonly name: string;
  readonly columns: AnyColumn[];
  readonly nullsNotDistinct: boolean;
  getName(): string;
}
export function unique(name?: string): UniqueConstraint {
  return new UniqueConstraint(name);
}

/** A check constraint: `check('age_positive', sql\`${t.age} > 0\`)`. */
export class CheckConstraint {
  static readonly [entityKind] = 'CheckConstraint';
  /** The table it belongs to, set by `getTableConfig`. */
  table: Table | undefined;
  constructor(
    readonly name: string,
    readonly value: SQL,
  ) {}
}
export function check(name: string, value: SQL): CheckConstraint {
  return new CheckConstraint(name, value);
}

/** A table-level foreign key, for composite keys or named constraints. */
export class ForeignKey {
  static readonly [entityKind] = 'ForeignKey';
  onDeleteAction: ReferenceAction | undefined;
  onUpdateAction: ReferenceAction | undefined;
  /** The table it belongs to, set by `getTableConfig`. */
  table: Table | undefined;
  constructor(readonly config: { columns: AnyColumn[]; foreignColumns: AnyColumn[]; name?: string }) {
    if (config.columns.length !== config.foreignColumns.length) {
      throw new SchemaError(`foreignKey ${config.name ?? ''}: ${config.columns.length} columns reference ${config.foreignColumns.length} columns`);
    }
  }
  /** The referencing and referenced columns and tables. */
  reference(): { name: string | undefined; columns: AnyColumn[]; foreignColumns: AnyColumn[]; foreignTable: Table | undefined } {
    return { ...this.config, name: this.config.name, foreignTable: this.config.foreignColumns[0]?.table };
  }
  /** Its name, or the default `<table>_<columns>_<foreign table>_<foreign columns>_fk`. */
  getName(): string {
    if (this.config.name !== undefined) return this.config.name;
    const { columns, foreignColumns } = this.config;
    const parts = [tableNameOf(this.table, columns), ...columns.map((c) => c.name), tableNameOf(undefined, foreignColumns), ...foreignColumns.map((c) => c.name)];
    return `${parts.join('_')}_fk`;
  }
  onDelete(action: ReferenceAction): this {
    this.onDeleteAction = action;
    return this;
  }
  onUpdate(action: ReferenceAction): this {
    this.onUpdateAction = action;
    return this;
  }
  /** @internal The key as `getTableConfig` returns it, on its table. */
  build(table: Table): BuiltForeignKey {
    this.table = table;
    return Object.create(this, { onUpdate: { value: this.onUpdateAction, enumerable: true }, onDelete: { value: this.onDeleteAction, enumerable: true } }) as BuiltForeignKey;
  }
}

/** A foreign key as `getTableConfig` returns it: `onUpdate` and `onDelete` hold the actions, as on Drizzle's built keys. */
export type BuiltForeignKey = Omit<ForeignKey, 'onUpdate' | 'onDelete' | 'build'> & {
  readonly onUpdate: ReferenceAction | undefined;
  readonly onDelete: ReferenceAction | undefined;
};
export function foreignKey(config: { columns: AnyColumn[]; foreignColumns: AnyColumn[]; name?: string }): ForeignKey {
  return new ForeignKey(config);
}
