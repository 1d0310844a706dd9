import type { KitDialect } from '../../../kit/dialect.js';
import { sqliteRender } from './ddl.js';
import { sqliteIntrospect } from './introspect.js';
import { sqliteSerialize } from './serialize.js';

/** The sqlite dialect's part of the kit: its schema reader and DDL renderer. */
export const sqliteKit: KitDialect = { name: 'sqlite', serialize: sqliteSerialize, render: sqliteRender, introspect: sqliteIntrospect };
