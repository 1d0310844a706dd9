import type { Change, RenderContext, Statement } from './changes.js';
import type { KitDialectName, SchemaModel } from './model.js';
import type { MigrationSession } from './runner.js';

/** How the user's config spells names it derives from TypeScript keys. */
export type KitCasing = 'snake_case' | 'camelCase';

export interface SerializeOptions {
  casing: KitCasing | undefined;
}

/**
 * What a dialect adds to the kit, next to its ORM hooks (`src/dialects/<d>/kit/`): reading its
 * schema objects into the shared model and rendering the shared differ's changes as its DDL.
 * Introspection joins here with `push`/`pull`.
 */
export interface KitDialect {
  readonly name: KitDialectName;
  /**
   * The model of a schema: `entities` are the values a schema module exports (tables, enums,
   * schemas, sequences, views, roles; anything else, such as relations, is ignored).
   */
  serialize(entities: readonly unknown[], options: SerializeOptions): SchemaModel;
  /** The statements that take a database from `ctx.from` to `ctx.to`. */
  render(changes: readonly Change[], ctx: RenderContext): Statement[];
  /**
   * The model of a live database, read with a handful of catalog queries for the whole database
   * (never one per table), following the model's conventions so that introspecting a database
   * made from a schema gives the serializer's model of that schema. The kit's own tracking tables
   * (`__sluice_migrations`, `__drizzle_migrations`) are left out.
   */
  introspect(session: MigrationSession, options: IntrospectOptions): Promise<SchemaModel>;
  /**
   * The schema's model spelled as this database would report it, where the database keeps no
   * text of its own to compare with (PostgreSQL reprints view queries): `push` compares this with
   * the introspected model.
   */
  asDatabaseSpells?(session: MigrationSession, model: SchemaModel): Promise<SchemaModel>;
  /**
   * Whether a migration of these statements must run outside a transaction: `generate` then
   * starts its file with `-- sluice:no-transaction` (CockroachDB's column type changes).
   */
  outsideTransaction?(statements: readonly Statement[]): boolean;
}

export interface IntrospectOptions {
  /** PostgreSQL schemas to read (default: every schema but the system ones and `sluice`/`drizzle`). */
  schemas?: readonly string[] | undefined;
  /** Called as catalog queries finish, for a progress line. */
  onProgress?: ((step: string) => void) | undefined;
}
