import type { KitDialect } from '../../../kit/dialect.js';
import type { SchemaModel } from '../../../kit/model.js';
import { uniqueIndexesAsConstraints } from '../../../kit/unique-keys.js';
import { sqliteRender } from './ddl.js';
import { sqliteIntrospect } from './introspect.js';
import { sqliteSerialize } from './serialize.js';

/**
 * A schema's model as SQLite reports it once made: introspection reads a plain unique index named
 * `<...>_unique` as a unique constraint (the kit writes uniques as such indexes, and drizzle-kit's
 * snapshots list them as indexes), so the schema's side is spelled the same way.
 */
async function sqliteAsDatabase(_session: unknown, model: SchemaModel): Promise<SchemaModel> {
  return uniqueIndexesAsConstraints(model, (index) => index.name.endsWith('_unique'));
}

/** The sqlite dialect's part of the kit: its schema reader and DDL renderer. */
export const sqliteKit: KitDialect = { name: 'sqlite', serialize: sqliteSerialize, render: sqliteRender, introspect: sqliteIntrospect, asDatabaseSpells: sqliteAsDatabase };
