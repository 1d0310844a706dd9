import type { InValue } from '@libsql/client';
import { SluiceError } from '../../core/errors.js';
import { sqliteParams } from '../sqlite-shared.js';

function isInValue(v: unknown): v is InValue {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v instanceof Uint8Array || v instanceof ArrayBuffer || v instanceof Date;
}

/**
 * Statement parameters as libsql takes them: SQLite's booleans and nulls (`sqliteParams`), each
 * checked to be a value libsql can bind, so a stray object is reported with its position here
 * rather than as libsql's "Unsupported type of value".
 */
export function libsqlArgs(params: unknown[]): InValue[] {
  const out = sqliteParams(params);
  if (out.every(isInValue)) return out;
  const i = out.findIndex((v) => !isInValue(v));
  const v = out[i];
  throw new SluiceError(`libsql cannot bind parameter ${i + 1}: ${typeof v === 'object' ? (v?.constructor?.name ?? 'object') : typeof v} is not a string, number, bigint, boolean, Date, Uint8Array, ArrayBuffer or null`);
}
