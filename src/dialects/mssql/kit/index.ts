import type { KitDialect } from '../../../kit/dialect.js';
import { mssqlAsDatabase } from './as-database.js';
import { mssqlRender } from './ddl.js';
import { mssqlIntrospect } from './introspect.js';
import { mssqlSerialize } from './serialize.js';

/** The mssql dialect's part of the kit: its schema reader, DDL renderer and introspection. */
export const mssqlKit: KitDialect = { name: 'mssql', serialize: mssqlSerialize, render: mssqlRender, introspect: mssqlIntrospect, asDatabaseSpells: mssqlAsDatabase };
