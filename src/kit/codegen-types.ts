import type { ColumnModel, EnumModel, TableModel } from './model.js';

/** How a column's type is written: the builder call before its modifiers. */
export interface ColumnCode {
  /** The builder function (`varchar`) or an expression that is one (an enum's variable). */
  fn: string;
  /** The builder's config object as source text (`{ length: 100 }`), if it takes one. */
  config: string | undefined;
  /** Text after the call: `.array()` per dimension. */
  suffix: string;
  /** Names the dialect module must export for this column. */
  imports: string[];
  /** The builder already makes the column not null (`serial`). */
  impliesNotNull: boolean;
  /** The builder already makes it auto-increment (MySQL `serial`). */
  impliesAutoincrement: boolean;
  /** The JavaScript type of its values, which decides how a default can be written. */
  kind: ValueKind;
}

export type ValueKind = 'number' | 'string' | 'boolean' | 'json' | 'other';

/** What the generator knows while writing a column, for the dialect's mapping. */
export interface ColumnContext {
  table: TableModel;
  /** The variable of an enum, by `schema.name`. */
  enumVariable(e: Pick<EnumModel, 'schema' | 'name'>): string | undefined;
}

/** What a dialect adds to the shared generator: its module and its type-text -> builder mapping. */
export interface CodegenDialect {
  /** The module tables and columns come from (`sluice/pg-core`). */
  readonly module: string;
  readonly tableFn: string;
  readonly viewFn: string;
  readonly materializedViewFn: string | undefined;
  /** The column type to annotate `.references()` callbacks with. */
  readonly anyColumnType: string;
  /** Every name the generated file may import from the dialect module, kept free of variables. */
  readonly reservedNames: readonly string[];
  /**
   * The builders of schemas, enums, sequences, roles and policies, where the module names them
   * otherwise than `sluice/pg-core` (`cockroachSchema`, `cockroachEnum`, ...); those unset keep pg-core's names.
   */
  readonly objectFns?: { schema: string; enum?: string; sequence?: string; role?: string; policy?: string };
  /** The schema objects are in when none is named, which is not written out. */
  readonly defaultSchema: string | undefined;
  /** The name a primary key gets when the schema gives none. */
  defaultPrimaryKeyName(table: TableModel, inline: boolean): string;
  /** The builder call for a column's type. */
  column(column: ColumnModel, ctx: ColumnContext): ColumnCode;
  /**
   * The modifier writing a column's default as JavaScript (`.default('x')`, `.defaultNow()`), or
   * undefined when only a `sql` template keeps the text exact.
   */
  defaultCall(column: ColumnModel, code: ColumnCode): string | undefined;
  /** Modifiers for identity, auto-increment and `on update`. */
  extras(column: ColumnModel, code: ColumnCode, isPrimaryKey: boolean): string[];
  /** `.primaryKey()`, or the dialect's variant (SQLite's `{ autoIncrement: true }`). */
  primaryKeyCall(column: ColumnModel): string;
  /** Whether `generatedAlwaysAs` needs `{ mode }` for this kind. */
  generatedMode(type: 'stored' | 'virtual'): string | undefined;
  /** View options as chained calls (`.with({ ... })`, `.algorithm('merge')`). */
  viewOptions(options: Record<string, string | boolean>, materialized: boolean): string;
}

/** Parses a `'...'` SQL string literal (quotes doubled inside); undefined when the text is not exactly one. */
export function sqlStringValue(text: string, backslashes = false): string | undefined {
  const m = /^'((?:[^']|'')*)'$/s.exec(text);
  if (!m) return undefined;
  if (backslashes && m[1]!.includes('\\')) return undefined;
  return m[1]!.replace(/''/g, "'");
}

/** A numeric SQL literal that reads back as the same text from a JavaScript number. */
export function numberValue(text: string): string | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) || !Number.isInteger(n) ? (String(n) === text ? text : undefined) : undefined;
}
