import { valueCheck } from './column-check.js';
import { entityKind } from './entity.js';
import { ColumnValueError, SchemaError } from './errors.js';
import { SQL, type DriverValueDecoder, type DriverValueEncoder } from './sql.js';
import { TableMeta, type Table } from './table.js';

/** Referential actions of a foreign key. */
export type ReferenceAction = 'cascade' | 'restrict' | 'no action' | 'set null' | 'set default';

export interface ReferenceConfig {
  ref: () => Column;
  onDelete?: ReferenceAction;
  onUpdate?: ReferenceAction;
  name?: string;
}

/** The type-level description of a column builder; flags are added by the chain methods. */
export interface ColumnBuilderTypeConfig {
  name: string;
  dataType: string;
  columnType: string;
  data: unknown;
  driverParam: unknown;
  enumValues: readonly string[] | undefined;
}

/** The type-level description of a built column. */
export interface ColumnConfig {
  name: string;
  tableName: string;
  dataType: string;
  columnType: string;
  data: unknown;
  driverParam: unknown;
  notNull: boolean;
  hasDefault: boolean;
  isPrimaryKey: boolean;
  generated: boolean;
  identity: 'always' | 'byDefault' | undefined;
  enumValues: readonly string[] | undefined;
}

/** What a column reads and writes, used by mappers and DDL. */
export interface ColumnCodec extends Partial<DriverValueDecoder>, Partial<DriverValueEncoder> {
  /** The codec refuses values outside the column's enum itself (`pgEnum`, `mysqlEnum`), naming the enum. */
  checksEnum?: boolean;
}

/** Runtime settings a builder collects and hands to its column. */
export interface ColumnRuntimeConfig {
  name: string;
  keyAsName: boolean;
  columnType: string;
  dataType: string;
  sqlType: string;
  notNull: boolean;
  hasDefault: boolean;
  default: unknown;
  defaultFn: (() => unknown) | undefined;
  onUpdateFn: (() => unknown) | undefined;
  primaryKey: boolean;
  isUnique: boolean;
  uniqueName: string | undefined;
  uniqueNulls: 'distinct' | 'not distinct' | undefined;
  references: ReferenceConfig[];
  generated: { as: SQL | unknown; type: 'stored' | 'virtual' } | undefined;
  identity: { type: 'always' | 'byDefault'; sequence?: Record<string, unknown> } | undefined;
  enumValues: readonly string[] | undefined;
  checks: { name: string; sql: SQL }[];
  /** Dialect-specific extras (array dimensions, precision, ...). */
  extra: Record<string, unknown>;
  codec: ColumnCodec | undefined;
}

/**
 * Builds a column. The phantom `_` carries the column's TypeScript description; each chain method
 * returns `this` narrowed with the flag it sets, so dialect-specific methods survive the chain.
 */
export class ColumnBuilder<T extends ColumnBuilderTypeConfig = ColumnBuilderTypeConfig> {
  static readonly [entityKind]: string = 'ColumnBuilder';
  declare readonly _: T;
  readonly config: ColumnRuntimeConfig;

  constructor(name: string, columnType: string, dataType: string, sqlType: string, codec?: ColumnCodec) {
    this.config = {
      name,
      keyAsName: name === '',
      columnType,
      dataType,
      sqlType,
      notNull: false,
      hasDefault: false,
      default: undefined,
      defaultFn: undefined,
      onUpdateFn: undefined,
      primaryKey: false,
      isUnique: false,
      uniqueName: undefined,
      uniqueNulls: undefined,
      references: [],
      generated: undefined,
      identity: undefined,
      enumValues: undefined,
      checks: [],
      extra: {},
      codec,
    };
  }

  /** Rejects `NULL`. */
  notNull(): NotNull<this> {
    this.config.notNull = true;
    return this as NotNull<this>;
  }

  /** A default the database applies (a value or an SQL expression). */
  default(value: ColumnData<this> | SQL): HasDefault<this> {
    this.config.default = value;
    this.config.hasDefault = true;
    return this as HasDefault<this>;
  }

  /** A default computed in JavaScript at insert time when the value is omitted. */
  $defaultFn(fn: () => ColumnData<this> | SQL): HasDefault<this> {
    this.config.defaultFn = fn;
    this.config.hasDefault = true;
    return this as HasDefault<this>;
  }

  /** Alias of `$defaultFn`. */
  $default(fn: () => ColumnData<this> | SQL): HasDefault<this> {
    return this.$defaultFn(fn);
  }

  /** A value computed in JavaScript on every update that does not set the column (and on insert). */
  $onUpdateFn(fn: () => ColumnData<this> | SQL): HasDefault<this> {
    this.config.onUpdateFn = fn;
    this.config.hasDefault = true;
    return this as HasDefault<this>;
  }

  /** Alias of `$onUpdateFn`. */
  $onUpdate(fn: () => ColumnData<this> | SQL): HasDefault<this> {
    return this.$onUpdateFn(fn);
  }

  /** Narrows the TypeScript type of the column, e.g. `json().$type<{ a: number }>()`. */
  $type<TType>(): $Type<this, TType> {
    return this as $Type<this, TType>;
  }

  /** Makes this column the primary key (and not null). */
  primaryKey(): IsPrimaryKey<NotNull<this>> {
    this.config.primaryKey = true;
    this.config.notNull = true;
    return this as IsPrimaryKey<NotNull<this>>;
  }

  /** A unique constraint on this column alone. */
  unique(name?: string, config?: { nulls: 'distinct' | 'not distinct' }): this {
    this.config.isUnique = true;
    this.config.uniqueName = name;
    this.config.uniqueNulls = config?.nulls;
    return this;
  }

  /** A foreign key; the reference is a function so tables may refer to each other in any order. */
  references(ref: () => Column, actions: { onDelete?: ReferenceAction; onUpdate?: ReferenceAction; name?: string } = {}): this {
    this.config.references.push({ ref, ...actions });
    return this;
  }

  /** A column the database computes from an expression. */
  /** How a generated column is kept when `generatedAlwaysAs` names no mode (PostgreSQL only stores them). */
  protected get defaultGeneratedMode(): 'stored' | 'virtual' {
    return 'stored';
  }

  generatedAlwaysAs(as: SQL | ColumnData<this> | (() => SQL), config?: { mode?: 'stored' | 'virtual' }): IsGenerated<this> {
    this.config.generated = { as, type: config?.mode ?? this.defaultGeneratedMode };
    this.config.hasDefault = true;
    return this as IsGenerated<this>;
  }

  /** @internal Creates the column for a table; the column key names it when the builder has no name. */
  build(table: Table, key: string): Column {
    const config = { ...this.config, references: [...this.config.references], checks: [...this.config.checks] };
    if (config.keyAsName) config.name = key;
    return new Column(table, config);
  }
}

export type ColumnData<B extends { _: ColumnBuilderTypeConfig }> = B['_'] extends { $type: infer U } ? U : B['_']['data'];
export type NotNull<T> = T & { _: { notNull: true } };
export type HasDefault<T> = T & { _: { hasDefault: true } };
export type IsPrimaryKey<T> = T & { _: { isPrimaryKey: true } };
export type IsGenerated<T> = T & { _: { generated: true; hasDefault: true } };
export type IsIdentity<T, TType extends 'always' | 'byDefault'> = T & { _: { identity: TType; notNull: true; hasDefault: true } };
export type $Type<T, TType> = T & { _: { $type: TType } };

/**
 * Gives a builder the type that records the flags its runtime config now holds (`HasDefault<B>`,
 * `NotNull<HasDefault<B>>`, `IsIdentity<B, 'always'>`, ...). The flags live only in the phantom
 * `_`, which is declared and never assigned, so the object is the same; the caller sets the
 * matching `config` fields first. `TBranded` comes from the declared return type and must extend
 * `B`: this only adds flags, it never turns a builder into an unrelated type.
 */
export function asBranded<B, TBranded extends B>(builder: B): TBranded {
  return builder as TBranded;
}

/** The phantom description dialects give their column builders. */
export type BuilderConfig<TName extends string, TData, TColumnType extends string, TDataType extends string, TEnum extends readonly string[] | undefined = undefined> = {
  name: TName;
  data: TData;
  columnType: TColumnType;
  dataType: TDataType;
  driverParam: unknown;
  enumValues: TEnum;
};

/** Splits the optional name and config arguments every column function accepts: `text()`, `text('n')`, `text({..})`, `text('n', {..})`. */
export function nameAndConfig<C>(a: readonly unknown[]): [string, C | undefined] {
  if (typeof a[0] === 'string') return [a[0], a[1] as C | undefined];
  return ['', a[0] as C | undefined];
}

/** Turns a builder's phantom description into the built column's description. */
export type BuildColumnConfig<TTableName extends string, TKey extends string, B extends ColumnBuilderTypeConfig> = {
  name: B['name'] extends '' ? TKey : B['name'];
  tableName: TTableName;
  dataType: B['dataType'];
  columnType: B['columnType'];
  data: B extends { $type: infer U } ? U : B['data'];
  driverParam: B['driverParam'];
  notNull: B extends { notNull: true } ? true : false;
  hasDefault: B extends { hasDefault: true } ? true : false;
  isPrimaryKey: B extends { isPrimaryKey: true } ? true : false;
  generated: B extends { generated: true } ? true : false;
  identity: B extends { identity: infer I extends 'always' | 'byDefault' } ? I : undefined;
  enumValues: B['enumValues'];
};

/**
 * A column of a table. `users.id` is one; it renders as its qualified name and decodes what the
 * driver returns for it.
 */
export class Column<T extends ColumnConfig = ColumnConfig> implements DriverValueDecoder, DriverValueEncoder {
  static readonly [entityKind]: string = 'Column';
  declare readonly _: T;

  readonly name: string;
  readonly keyAsName: boolean;
  readonly columnType: string;
  readonly dataType: string;
  readonly notNull: boolean;
  readonly hasDefault: boolean;
  readonly default: unknown;
  readonly defaultFn: (() => unknown) | undefined;
  readonly onUpdateFn: (() => unknown) | undefined;
  readonly primary: boolean;
  readonly isUnique: boolean;
  readonly uniqueName: string | undefined;
  /** `'not distinct'` for `unique(name, { nulls: 'not distinct' })` (PostgreSQL 15). */
  readonly uniqueType: 'distinct' | 'not distinct' | undefined;
  readonly enumValues: readonly string[] | undefined;
  readonly generated: ColumnRuntimeConfig['generated'];
  readonly identity: ColumnRuntimeConfig['identity'];
  /** True when values read from the driver need decoding (the row mapper skips the others). */
  readonly decodes: boolean;
  /** True when values need encoding before they are sent. */
  readonly encodes: boolean;
  /** @internal render cache: the render key it was computed for, and the quoted names. */
  _rk: string | undefined = undefined;
  _qBare = '';
  _qFull = '';

  constructor(
    readonly table: Table,
    readonly config: ColumnRuntimeConfig,
  ) {
    this.name = config.name;
    this.keyAsName = config.keyAsName;
    this.columnType = config.columnType;
    this.dataType = config.dataType;
    this.notNull = config.notNull;
    this.hasDefault = config.hasDefault;
    this.default = config.default;
    this.defaultFn = config.defaultFn;
    this.onUpdateFn = config.onUpdateFn;
    this.primary = config.primaryKey;
    this.isUnique = config.isUnique;
    this.uniqueName = config.uniqueName;
    this.uniqueType = config.uniqueNulls;
    this.enumValues = config.enumValues;
    this.generated = config.generated;
    this.identity = config.identity;
    const codec = config.codec;
    this.decodes = codec?.mapFromDriverValue !== undefined;
    if (codec?.mapFromDriverValue) this.mapFromDriverValue = codec.mapFromDriverValue;
    const encode = codec?.mapToDriverValue;
    // The check runs in the encoding step every bound value of the column already takes (insert
    // values, set, comparisons, placeholders), so a wrong value stops there, before anything is sent.
    const check = valueCheck(config, table?.[TableMeta]?.dialect ?? '', codec?.checksEnum === true);
    this.encodes = encode !== undefined || check !== undefined;
    if (check !== undefined) {
      const tableName = table?.[TableMeta]?.name ?? '';
      const columnName = config.name;
      this.mapToDriverValue = (value: unknown) => {
        const problem = check(value);
        if (problem !== undefined) throw new ColumnValueError(tableName, columnName, problem);
        if (encode === undefined) return value;
        // Codecs are called as the column's method: some name the column in their own errors.
        if (config.enumValues === undefined) return encode.call(this, value);
        // An enum type's own codec names the enum; the column is named here.
        try {
          return encode.call(this, value);
        } catch (e) {
          if (e instanceof SchemaError && !(e instanceof ColumnValueError)) throw new ColumnValueError(tableName, columnName, e.message);
          throw e;
        }
      };
    } else if (encode !== undefined) this.mapToDriverValue = encode;
  }

  mapFromDriverValue(value: unknown): unknown {
    return value;
  }

  mapToDriverValue(value: unknown): unknown {
    return value;
  }

  /** The column's SQL type as DDL writes it. */
  getSQLType(): string {
    return this.config.sqlType;
  }

  getSQL(): SQL<T['data']> {
    return new SQL([this]);
  }
}

/** Any column, of any table and dialect. */
export type AnyColumn = Column<ColumnConfig>;

/** The TypeScript type a column yields when selected. */
export type GetColumnData<C extends Column, TMode extends 'query' | 'raw' = 'query'> = TMode extends 'raw' ? C['_']['data'] : C['_']['notNull'] extends true ? C['_']['data'] : C['_']['data'] | null;
