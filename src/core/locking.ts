import type { LockingConfig } from './dialect.js';
import { SchemaError } from './errors.js';
import { Table, type AnyTable } from './table.js';

/** `noWait` and `skipLocked` exclude each other. */
type WaitPolicy = { noWait: true; skipLocked?: undefined } | { noWait?: undefined; skipLocked: true } | { noWait?: undefined; skipLocked?: undefined };

/** PostgreSQL's row lock strengths. */
export type PgLockStrength = 'update' | 'no key update' | 'share' | 'key share';
/** PostgreSQL's `for ...` options: the tables to lock (`of`) and what to do with locked rows. */
export type PgLockConfig = { of?: AnyTable | AnyTable[] } & WaitPolicy;
/** MySQL's row lock strengths (`share` is written `lock in share mode`, which MariaDB also reads). */
export type MySqlLockStrength = 'update' | 'share';
/** MySQL's `for ...` options: what to do with locked rows (MySQL 8, MariaDB 10.6+). */
export type MySqlLockConfig = WaitPolicy;

const strengths = new Set<string>(['update', 'no key update', 'share', 'key share']);

/** Checks what `.for()` was given before it is kept; the dialect decides later what it can render. */
export function checkLocking(strength: unknown, config: LockingConfig | undefined): LockingConfig {
  if (typeof strength !== 'string' || !strengths.has(strength)) {
    throw new SchemaError(`for(): unknown lock strength ${JSON.stringify(strength)} (update, no key update, share, key share)`);
  }
  if (config === undefined || config === null) return {};
  if (typeof config !== 'object') throw new SchemaError(`for('${strength}'): options must be an object { of, noWait, skipLocked }`);
  if (config.noWait && config.skipLocked) throw new SchemaError(`for('${strength}'): noWait and skipLocked exclude each other`);
  if (config.of !== undefined) {
    for (const t of Array.isArray(config.of) ? config.of : [config.of]) {
      if (!(t instanceof Table)) throw new SchemaError(`for('${strength}', { of }): expected tables, got ${String(t)}`);
    }
  }
  return config;
}
