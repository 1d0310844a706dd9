import type { KitDialect } from '../../../kit/dialect.js';
import { pgRender } from './ddl.js';
import { pgIntrospect, pgViewDefinitionsAsDatabase } from './introspect.js';
import { pgSerialize } from './serialize.js';

/** The pg dialect's part of the kit: its schema reader and DDL renderer. */
export const pgKit: KitDialect = { name: 'postgresql', serialize: pgSerialize, render: pgRender, introspect: pgIntrospect, asDatabaseSpells: pgViewDefinitionsAsDatabase };
