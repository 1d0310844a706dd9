import { mssqlKit } from '../dialects/mssql/kit/index.js';
import { cockroachKit } from '../dialects/cockroach/kit/index.js';
import { mysqlKit } from '../dialects/mysql/kit/index.js';
import { pgKit } from '../dialects/pg/kit/index.js';
import { sqliteKit } from '../dialects/sqlite/kit/index.js';
import type { KitDialect } from './dialect.js';
import type { KitDialectName } from './model.js';

const kits: Record<KitDialectName, KitDialect> = { postgresql: pgKit, mysql: mysqlKit, sqlite: sqliteKit, mssql: mssqlKit, cockroach: cockroachKit };

/** The kit's module for a dialect. */
export function kitDialect(name: KitDialectName): KitDialect {
  return kits[name];
}
