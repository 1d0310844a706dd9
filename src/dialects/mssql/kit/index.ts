import { UnsupportedError } from '../../../core/errors.js';
import type { KitDialect } from '../../../kit/dialect.js';
import { mssqlAsDatabase } from './as-database.js';
import { mssqlRender } from './ddl.js';
import { mssqlIntrospect } from './introspect.js';

/** The mssql dialect's part of the kit: its schema reader, DDL renderer and introspection. */
export const mssqlKit: KitDialect = {
  name: 'mssql',
  serialize() {
    throw new UnsupportedError('mssql: reading a schema needs sluice/mssql-core, which is not in this build yet');
  },
  render: mssqlRender,
  introspect: mssqlIntrospect,
  asDatabaseSpells: mssqlAsDatabase,
};
