import type { AnyColumn, ReferenceAction } from './column.js';
import { entityKind } from './entity.js';
import { SchemaError } from './errors.js';
import type { SQL } from './sql.js';

type IndexColumn = AnyColumn | SQL;

/** An index, built with `index(name).on(...)` or `uniqueIndex(name).on(...)`. */
export class Index {
  static readonly [entityKind] = 'Index';
  columns: IndexColumn[] = [];
  whereClause: SQL | undefined;
  method: string | undefined;
  concurrently = false;
  withOptions: Record<string, unknown> | undefined;
  constructor(
    readonly name: string | undefined,
    readonly unique: boolean,
  ) {}

  /** The indexed columns or expressions. */
  on(...columns: IndexColumn[]): this {
    if (columns.length === 0) throw new SchemaError(`index "${this.name ?? ''}": on() needs at least one column`);
    this.columns = columns;
    return this;
  }
  /** Like `on`, for PostgreSQL's `ONLY`. */
  onOnly(...columns: IndexColumn[]): this {
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
    if (columns.length > 0) this.columns = columns;
    return this;
  }
  /** PostgreSQL `create index concurrently`. */
  concurrentlyBuild(): this {
    this.concurrently = true;
    return this;
  }
  /** Storage parameters (`with (fillfactor = 70)`). */
  with(options: Record<string, unknown>): this {
    this.withOptions = options;
    return this;
  }
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
  constructor(
    readonly columns: AnyColumn[],
    readonly name: string | undefined,
  ) {}
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
  nullsNotDistinct = false;
  constructor(readonly name: string | undefined) {}
  on(...columns: AnyColumn[]): this {
    this.columns = columns;
    return this;
  }
  /** PostgreSQL 15 `unique nulls not distinct`. */
  nullsNotDistinctOn(): this {
    this.nullsNotDistinct = true;
    return this;
  }
}
export function unique(name?: string): UniqueConstraint {
  return new UniqueConstraint(name);
}

/** A check constraint: `check('age_positive', sql\`${t.age} > 0\`)`. */
export class CheckConstraint {
  static readonly [entityKind] = 'CheckConstraint';
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
  constructor(readonly config: { columns: AnyColumn[]; foreignColumns: AnyColumn[]; name?: string }) {
    if (config.columns.length !== config.foreignColumns.length) {
      throw new SchemaError(`foreignKey ${config.name ?? ''}: ${config.columns.length} columns reference ${config.foreignColumns.length} columns`);
    }
  }
  onDelete(action: ReferenceAction): this {
    this.onDeleteAction = action;
    return this;
  }
  onUpdate(action: ReferenceAction): this {
    this.onUpdateAction = action;
    return this;
  }
}
export function foreignKey(config: { columns: AnyColumn[]; foreignColumns: AnyColumn[]; name?: string }): ForeignKey {
  return new ForeignKey(config);
}
