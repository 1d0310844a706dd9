import type { KitDialect } from '../../../kit/dialect.js';
import { mysqlRender } from './ddl.js';
import { mysqlIntrospect } from './introspect.js';
import { mysqlAsDatabase } from './as-database.js';
import { mysqlSerialize } from './serialize.js';

/** The mysql dialect's part of the kit: its schema reader and DDL renderer. */
export const mysqlKit: KitDialect = { name: 'mysql', serialize: mysqlSerialize, render: mysqlRender, introspect: mysqlIntrospect, asDatabaseSpells: mysqlAsDatabase };
