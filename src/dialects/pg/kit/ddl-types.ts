import type { Statement, TableRef } from '../../../kit/changes.js';
import type { ColumnModel, EnumModel, SequenceModel } from '../../../kit/model.js';
import { arrayDims, ident, literal, qualified, tableName } from './ddl-names.js';

/** `CREATE TYPE "schema"."name" AS ENUM(...)`. */
export function createEnum(e: EnumModel): Statement {
  return { sql: `CREATE TYPE ${qualified(e.schema, e.name)} AS ENUM(${e.values.map(literal).join(', ')})` };
}

/** `DROP TYPE "schema"."name"`. */
export function dropEnum(e: EnumModel): Statement {
  return { sql: `DROP TYPE ${qualified(e.schema, e.name)}` };
}

/** Renames an enum, and moves it when the new side has another schema. */
export function renameEnum(from: EnumModel, to: EnumModel): Statement[] {
  const out: Statement[] = [];
  if (from.name !== to.name) out.push({ sql: `ALTER TYPE ${qualified(from.schema, from.name)} RENAME TO ${ident(to.name)}` });
  if ((from.schema ?? 'public') !== (to.schema ?? 'public')) out.push(moveEnum(to, from.schema));
  return out;
}

/** `ALTER TYPE ... SET SCHEMA`: `e` is the enum on its new side, `fromSchema` where it was. */
export function moveEnum(e: EnumModel, fromSchema: string | undefined): Statement {
  return { sql: `ALTER TYPE ${qualified(fromSchema, e.name)} SET SCHEMA ${ident(e.schema ?? 'public')}` };
}

/**
 * `ALTER TYPE ... ADD VALUE`. Since PostgreSQL 12 it runs inside a transaction, but the new value
 * cannot be used (as a default, in an UPDATE, in a cast) until that transaction commits: a
 * migration that adds a value and uses it in the same transaction fails with "unsafe use of new
 * value"; the use has to go in a later migration.
 */
export function addEnumValue(e: EnumModel, value: string, before: string | undefined): Statement {
  return { sql: `ALTER TYPE ${qualified(e.schema, e.name)} ADD VALUE ${literal(value)}${before === undefined ? '' : ` BEFORE ${literal(before)}`}` };
}

// PostgreSQL truncates identifiers at 63 bytes; keep the temporary name distinct after that.
function temporaryName(name: string): string {
  const suffix = '__sluice_new';
  return `${name.slice(0, 63 - suffix.length)}${suffix}`;
}

/**
 * An enum that lost or reordered values: PostgreSQL cannot remove a value, so a new type is
 * created under a temporary name, every column is converted through text, the old type is
 * dropped and the new one takes its name. Defaults are dropped first (they are typed with the
 * old enum and would block the drop) and set again at the end.
 */
export function recreateEnum(from: EnumModel, to: EnumModel, columns: readonly { table: TableRef; column: ColumnModel }[]): Statement[] {
  const temp: EnumModel = { ...to, name: temporaryName(to.name) };
  const tempType = qualified(to.schema, temp.name);
  const lost = from.values.filter((value) => !to.values.includes(value));
  const reason = `recreates enum ${to.name}${lost.length > 0 ? `; rows holding ${lost.map(literal).join(', ')} make the conversion fail` : ' with reordered values'}`;
  const out: Statement[] = [{ ...createEnum(temp), destructive: reason }];
  for (const { table, column } of columns) {
    const col = `ALTER TABLE ${tableName(table)} ALTER COLUMN ${ident(column.name)}`;
    const dims = arrayDims(column.type);
    if (column.default !== undefined) out.push({ sql: `${col} DROP DEFAULT` });
    out.push({ sql: `${col} SET DATA TYPE ${tempType}${dims} USING ${ident(column.name)}::text${dims}::${tempType}${dims}` });
  }
  out.push(dropEnum(from));
  out.push({ sql: `ALTER TYPE ${tempType} RENAME TO ${ident(to.name)}` });
  for (const { table, column } of columns) {
    if (column.default !== undefined) out.push({ sql: `ALTER TABLE ${tableName(table)} ALTER COLUMN ${ident(column.name)} SET DEFAULT ${column.default}` });
  }
  return out;
}

function sequenceOptions(s: SequenceModel): string {
  return [
    s.increment === undefined ? '' : ` INCREMENT BY ${s.increment}`,
    s.minValue === undefined ? '' : ` MINVALUE ${s.minValue}`,
    s.maxValue === undefined ? '' : ` MAXVALUE ${s.maxValue}`,
    s.startWith === undefined ? '' : ` START WITH ${s.startWith}`,
    s.cache === undefined ? '' : ` CACHE ${s.cache}`,
    s.cycle ? ' CYCLE' : '',
  ].join('');
}

/** `CREATE SEQUENCE "schema"."name"` with the options the model gives. */
export function createSequence(s: SequenceModel): Statement {
  return { sql: `CREATE SEQUENCE ${qualified(s.schema, s.name)}${sequenceOptions(s)}` };
}

/** `DROP SEQUENCE "schema"."name"`. */
export function dropSequence(s: SequenceModel): Statement {
  return { sql: `DROP SEQUENCE ${qualified(s.schema, s.name)}` };
}

/** Renames a sequence, and moves it when the new side has another schema. */
export function renameSequence(from: SequenceModel, to: SequenceModel): Statement[] {
  const out: Statement[] = [];
  if (from.name !== to.name) out.push({ sql: `ALTER SEQUENCE ${qualified(from.schema, from.name)} RENAME TO ${ident(to.name)}` });
  if ((from.schema ?? 'public') !== (to.schema ?? 'public')) out.push({ sql: `ALTER SEQUENCE ${qualified(from.schema, to.name)} SET SCHEMA ${ident(to.schema ?? 'public')}` });
  return out;
}

/**
 * Only the options that changed; an option that was removed goes back to PostgreSQL's default
 * (`NO MINVALUE`, `NO CYCLE`, ...) rather than staying as it was, which drizzle-kit's
 * all-options form would do.
 */
export function alterSequence(from: SequenceModel, to: SequenceModel): Statement[] {
  const parts: string[] = [];
  if (from.increment !== to.increment) parts.push(`INCREMENT BY ${to.increment ?? '1'}`);
  if (from.minValue !== to.minValue) parts.push(to.minValue === undefined ? 'NO MINVALUE' : `MINVALUE ${to.minValue}`);
  if (from.maxValue !== to.maxValue) parts.push(to.maxValue === undefined ? 'NO MAXVALUE' : `MAXVALUE ${to.maxValue}`);
  if (from.startWith !== to.startWith && to.startWith !== undefined) parts.push(`START WITH ${to.startWith}`);
  if (from.cache !== to.cache) parts.push(`CACHE ${to.cache ?? '1'}`);
  if (from.cycle !== to.cycle) parts.push(to.cycle ? 'CYCLE' : 'NO CYCLE');
  return parts.length === 0 ? [] : [{ sql: `ALTER SEQUENCE ${qualified(to.schema, to.name)} ${parts.join(' ')}` }];
}
