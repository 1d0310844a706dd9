import type { InValue } from '@libsql/client';
import { SluiceError, UnstorableStringError } from '../../core/errors.js';
import { sqliteParams } from '../sqlite-shared.js';

function isInValue(v: unknown): v is InValue {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v instanceof Uint8Array || v instanceof ArrayBuffer || v instanceof Date;
}

/**
 * Whether a string holds NUL. libsql stores such text whole but reads text back only up to the
 * first NUL, so the value would come back cut.
 */
const hasNul = (v: unknown): boolean => typeof v === 'string' && v.includes('\0');

/**
 * Statement parameters as libsql takes them: SQLite's booleans and nulls (`sqliteParams`), each
 * checked to be a value libsql can bind, so a stray object is reported with its position here
 * rather than as libsql's "Unsupported type of value".
 */
export function libsqlArgs(params: unknown[]): InValue[] {
  const out = sqliteParams(params);
  if (out.every((v) => isInValue(v) && !hasNul(v))) return out as InValue[];
  const i = out.findIndex((v) => !isInValue(v) || hasNul(v));
  const v = out[i];
  if (isInValue(v)) throw new UnstorableStringError(`libsql cannot send parameter ${i + 1}: the string holds the NUL character (\\0), and libsql reads text back only up to it; store such data as a blob`, undefined, undefined);
  throw new SluiceError(`libsql cannot bind parameter ${i + 1}: ${typeof v === 'object' ? (v?.constructor?.name ?? 'object') : typeof v} is not a string, number, bigint, boolean, Date, Uint8Array, ArrayBuffer or null`);
}
