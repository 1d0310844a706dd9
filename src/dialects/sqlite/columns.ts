import { asBranded, ColumnBuilder, nameAndConfig, type BuilderConfig, type ColumnBuilderTypeConfig, type ColumnCodec, type HasDefault, type IsPrimaryKey, type NotNull } from '../../core/column.js';
import { entityKind } from '../../core/entity.js';

type Cfg<TName extends string, TData, TColumnType extends string, TDataType extends string, TEnum extends readonly string[] | undefined = undefined> = BuilderConfig<TName, TData, TColumnType, TDataType, TEnum>;

/** A SQLite column builder. */
export class SQLiteColumnBuilder<T extends ColumnBuilderTypeConfig = ColumnBuilderTypeConfig> extends ColumnBuilder<T> {
  static override readonly [entityKind]: string = 'SQLiteColumnBuilder';

  /** Drizzle's default for a generated column here: computed when read, not stored. */
  protected override get defaultGeneratedMode(): 'stored' | 'virtual' {
    return 'virtual';
  }
}

/** `integer` with SQLite's `primaryKey({ autoIncrement })`. */
export class SQLiteIntegerBuilder<T extends ColumnBuilderTypeConfig = ColumnBuilderTypeConfig> extends SQLiteColumnBuilder<T> {
  static override readonly [entityKind]: string = 'SQLiteIntegerBuilder';
  /** The primary key; `autoIncrement` adds SQLite's AUTOINCREMENT. An integer primary key is assigned when omitted. */
  override primaryKey(config?: { autoIncrement?: boolean; onConflict?: 'rollback' | 'abort' | 'fail' | 'ignore' | 'replace' }): IsPrimaryKey<NotNull<HasDefault<this>>> {
    super.primaryKey();
    // The rowid alias is filled in by SQLite, so inserts may leave it out.
    this.config.hasDefault = true;
    this.config.extra = { ...this.config.extra, autoIncrement: config?.autoIncrement === true, onConflict: config?.onConflict };
    return asBranded(this);
  }
}

const args = nameAndConfig;

type Named<C> = [name?: string, config?: C] | [config?: C];

const toBoolean: ColumnCodec = { mapFromDriverValue: (v) => (typeof v === 'boolean' ? v : Number(v) !== 0), mapToDriverValue: (v) => (v ? 1 : 0) };
const toDateSeconds: ColumnCodec = {
  mapFromDriverValue: (v) => (v instanceof Date ? v : new Date(Number(v) * 1000)),
  mapToDriverValue: (v) => (v instanceof Date ? Math.floor(v.getTime() / 1000) : v),
};
const toDateMs: ColumnCodec = {
  mapFromDriverValue: (v) => (v instanceof Date ? v : new Date(Number(v))),
  mapToDriverValue: (v) => (v instanceof Date ? v.getTime() : v),
};
const toNumber: ColumnCodec = { mapFromDriverValue: (v) => (typeof v === 'number' ? v : Number(v)) };
const jsonText: ColumnCodec = {
  mapFromDriverValue: (v) => (typeof v === 'string' ? JSON.parse(v) : v),
  mapToDriverValue: (v) => JSON.stringify(v),
};
const fromHex = (v: unknown): Buffer => (Buffer.isBuffer(v) ? v : v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v instanceof ArrayBuffer ? Buffer.from(v) : Buffer.from(String(v), 'hex'));
const blobBuffer: ColumnCodec = { mapFromDriverValue: fromHex };
const blobJson: ColumnCodec = {
  mapFromDriverValue: (v) => JSON.parse(fromHex(v).toString('utf8')),
  mapToDriverValue: (v) => Buffer.from(JSON.stringify(v), 'utf8'),
};
const blobBigInt: ColumnCodec = {
  mapFromDriverValue: (v) => BigInt(fromHex(v).toString('utf8')),
  mapToDriverValue: (v) => Buffer.from(String(v), 'utf8'),
};
const numericString: ColumnCodec = { mapFromDriverValue: (v) => String(v), mapToDriverValue: (v) => String(v) };
const numericBigInt: ColumnCodec = { mapFromDriverValue: (v) => BigInt(v as string), mapToDriverValue: (v) => String(v) };

type IntegerMode = 'number' | 'boolean' | 'timestamp' | 'timestamp_ms';
type IntegerData<M> = M extends 'boolean' ? boolean : M extends 'timestamp' | 'timestamp_ms' ? Date : number;

/** `integer`, as a number, a boolean (0/1) or a Date (`timestamp`: seconds, `timestamp_ms`: milliseconds). */
export function integer<TName extends string = '', TMode extends IntegerMode = 'number'>(
  ...a: [name?: TName, config?: { mode?: TMode }] | [config?: { mode?: TMode }]
): SQLiteIntegerBuilder<Cfg<TName, IntegerData<TMode>, 'SQLiteInteger', NoInfer<TMode> extends 'boolean' ? 'boolean' : NoInfer<TMode> extends 'number' ? 'number' : 'date'>> {
  const [name, config] = args<{ mode?: IntegerMode }>(a);
  const mode = config?.mode ?? 'number';
  const codec = mode === 'boolean' ? toBoolean : mode === 'timestamp' ? toDateSeconds : mode === 'timestamp_ms' ? toDateMs : undefined;
  const b = new SQLiteIntegerBuilder<Cfg<TName, IntegerData<TMode>, 'SQLiteInteger', NoInfer<TMode> extends 'boolean' ? 'boolean' : NoInfer<TMode> extends 'number' ? 'number' : 'date'>>(
    name,
    mode === 'boolean' ? 'SQLiteBoolean' : mode === 'number' ? 'SQLiteInteger' : 'SQLiteTimestamp',
    mode === 'boolean' ? 'boolean' : mode === 'number' ? 'number' : 'date',
    'integer',
    codec,
  );
  b.config.extra = { mode };
  return b;
}
/** Alias of `integer`. */
export const int = integer;

type TextConfig<TMode, TEnum> = { mode?: TMode; length?: number; enum?: TEnum };
/** `text`: a string (optionally an enum of strings), or JSON stored as text (`mode: 'json'`, typed with `$type`). */
export function text<TName extends string = '', TMode extends 'text' | 'json' = 'text', const TEnum extends readonly [string, ...string[]] | undefined = undefined>(
  ...a: [name?: TName, config?: TextConfig<TMode, TEnum>] | [config?: TextConfig<TMode, TEnum>]
): SQLiteColumnBuilder<
  Cfg<TName, NoInfer<TMode> extends 'json' ? unknown : TEnum extends readonly string[] ? TEnum[number] : string, NoInfer<TMode> extends 'json' ? 'SQLiteTextJson' : 'SQLiteText', NoInfer<TMode> extends 'json' ? 'json' : 'string', TEnum>
> {
  const [name, config] = args<TextConfig<TMode, TEnum>>(a);
  const json = config?.mode === 'json';
  const b = new SQLiteColumnBuilder<
    Cfg<TName, NoInfer<TMode> extends 'json' ? unknown : TEnum extends readonly string[] ? TEnum[number] : string, NoInfer<TMode> extends 'json' ? 'SQLiteTextJson' : 'SQLiteText', NoInfer<TMode> extends 'json' ? 'json' : 'string', TEnum>
  >(name, json ? 'SQLiteTextJson' : 'SQLiteText', json ? 'json' : 'string', config?.length !== undefined ? `text(${config.length})` : 'text', json ? jsonText : undefined);
  b.config.enumValues = config?.enum;
  b.config.extra = { length: config?.length, mode: config?.mode ?? 'text' };
  return b;
}

/** `real` (8-byte float). */
export function real<TName extends string = ''>(...a: [name?: TName]): SQLiteColumnBuilder<Cfg<TName, number, 'SQLiteReal', 'number'>> {
  return new SQLiteColumnBuilder(args(a)[0], 'SQLiteReal', 'number', 'real', toNumber);
}

/** `numeric`: a string by default, or a number / bigint by mode. */
export function numeric<TName extends string = '', TMode extends 'string' | 'number' | 'bigint' = 'string'>(
  ...a: [name?: TName, config?: { mode?: TMode }] | [config?: { mode?: TMode }]
): SQLiteColumnBuilder<Cfg<TName, NoInfer<TMode> extends 'number' ? number : NoInfer<TMode> extends 'bigint' ? bigint : string, 'SQLiteNumeric', NoInfer<TMode> extends 'string' ? 'string' : NoInfer<TMode>>> {
  const [name, config] = args<{ mode?: TMode }>(a);
  const codec = config?.mode === 'number' ? toNumber : config?.mode === 'bigint' ? numericBigInt : numericString;
  return new SQLiteColumnBuilder(name, 'SQLiteNumeric', config?.mode ?? 'string', 'numeric', codec);
}

type BlobMode = 'buffer' | 'json' | 'bigint';
/** `blob`: a Buffer, JSON (stored as UTF-8 bytes, typed with `$type`) or a bigint. */
export function blob<TName extends string = '', TMode extends BlobMode = 'buffer'>(
  ...a: [name?: TName, config?: { mode?: TMode }] | [config?: { mode?: TMode }]
): SQLiteColumnBuilder<
  Cfg<
    TName,
    NoInfer<TMode> extends 'json' ? unknown : NoInfer<TMode> extends 'bigint' ? bigint : Buffer,
    NoInfer<TMode> extends 'json' ? 'SQLiteBlobJson' : NoInfer<TMode> extends 'bigint' ? 'SQLiteBlobBigInt' : 'SQLiteBlobBuffer',
    NoInfer<TMode> extends 'json' ? 'json' : NoInfer<TMode> extends 'bigint' ? 'bigint' : 'buffer'
  >
> {
  const [name, config] = args<{ mode?: BlobMode }>(a);
  const mode = config?.mode ?? 'buffer';
  return new SQLiteColumnBuilder(
    name,
    mode === 'json' ? 'SQLiteBlobJson' : mode === 'bigint' ? 'SQLiteBlobBigInt' : 'SQLiteBlobBuffer',
    mode === 'json' ? 'json' : mode === 'bigint' ? 'bigint' : 'buffer',
    'blob',
    mode === 'json' ? blobJson : mode === 'bigint' ? blobBigInt : blobBuffer,
  );
}

/** Every column function, as the callback form of `sqliteTable` receives them. */
export const sqliteColumnBuilders = { integer, int, text, real, numeric, blob };
export type SQLiteColumnBuilders = typeof sqliteColumnBuilders;
export type { Named };
