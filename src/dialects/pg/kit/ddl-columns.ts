import type { ColumnAspect, Statement, TableRef } from '../../../kit/changes.js';
import type { ColumnModel, IdentityModel, TableModel } from '../../../kit/model.js';
import { UnsupportedError } from '../../../core/errors.js';
import { alterableType, arrayDims, columnType, ident, qualified, tableName } from './ddl-names.js';

/** `GENERATED ALWAYS|BY DEFAULT AS IDENTITY (sequence name ... increment by ...)`, as drizzle-kit writes it. */
export function identityClause(identity: IdentityModel, table: TableRef): string {
  const options = [
    identity.name === undefined ? '' : `sequence name ${table.schema === undefined || table.schema === 'public' ? ident(identity.name) : qualified(table.schema, identity.name)}`,
    identity.increment === undefined ? '' : `INCREMENT BY ${identity.increment}`,
    identity.minValue === undefined ? '' : `MINVALUE ${identity.minValue}`,
    identity.maxValue === undefined ? '' : `MAXVALUE ${identity.maxValue}`,
    identity.startWith === undefined ? '' : `START WITH ${identity.startWith}`,
    identity.cache === undefined ? '' : `CACHE ${identity.cache}`,
    identity.cycle ? 'CYCLE' : '',
  ].filter((part) => part !== '');
  // PostgreSQL's grammar rejects an empty option list `()`.
  const list = options.length === 0 ? '' : ` (${options.join(' ')})`;
  return `GENERATED ${identity.type === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${list}`;
}

/** A column's definition in `CREATE TABLE` / `ADD COLUMN`: name, type, default, generated, not null, identity. */
export function columnDefinition(column: ColumnModel, table: TableRef, inlinePrimaryKey: boolean, forCreate: boolean): string {
  let sql = `${ident(column.name)} ${columnType(column)}`;
  if (inlinePrimaryKey) sql += ' PRIMARY KEY';
  if (column.default !== undefined) sql += ` DEFAULT ${column.default}`;
  if (column.generated) {
    if (column.generated.type !== 'stored') throw new UnsupportedError(`postgresql: column "${column.name}" of ${table.name} is a virtual generated column; PostgreSQL only has stored ones`);
    sql += ` GENERATED ALWAYS AS (${column.generated.as}) STORED`;
  }
  // drizzle-kit leaves NOT NULL implied by an identity in CREATE TABLE, and spells it out in ADD COLUMN.
  if (column.notNull && !(forCreate && column.identity)) sql += ' NOT NULL';
  if (column.identity) sql += ` ${identityClause(column.identity, table)}`;
  return sql;
}

/** `ALTER TABLE ... ADD COLUMN ...`. */
export function addColumn(table: TableRef, column: ColumnModel): Statement {
  return { sql: `ALTER TABLE ${tableName(table)} ADD COLUMN ${columnDefinition(column, table, false, false)}` };
}

/** `ALTER TABLE ... DROP COLUMN ...`: its values are gone. */
export function dropColumn(table: TableRef, column: ColumnModel): Statement {
  return { sql: `ALTER TABLE ${tableName(table)} DROP COLUMN ${ident(column.name)}`, destructive: `drops column ${table.name}.${column.name} and its data` };
}

/** The single-column primary key that `CREATE TABLE` writes inline (`<table>_pkey`, drizzle-kit's default name). */
export function inlinePrimaryKeyColumn(table: TableModel): string | undefined {
  const pk = table.primaryKey;
  return pk && pk.columns.length === 1 && pk.name === `${table.name}_pkey` ? pk.columns[0] : undefined;
}

/**
 * One column's changes, in the order PostgreSQL accepts them: a new or changed generation
 * expression re-adds the column (PostgreSQL 15 has no `SET EXPRESSION`); an identity is dropped
 * before a type change and added after `NOT NULL`, which it requires. A rename of the column
 * comes as its own change before this one, so the column is addressed by its new name.
 */
export function alterColumn(table: TableRef, from: ColumnModel, to: ColumnModel, aspects: readonly ColumnAspect[]): Statement[] {
  for (const aspect of aspects) {
    if (aspect === 'autoincrement' || aspect === 'onUpdate') {
      throw new UnsupportedError(`postgresql: cannot render a change of "${aspect}" on column ${table.name}.${to.name}; PostgreSQL columns have no ${aspect}`);
    }
  }
  const has = (aspect: ColumnAspect) => aspects.includes(aspect);
  const t = tableName(table);
  const col = `ALTER TABLE ${t} ALTER COLUMN ${ident(to.name)}`;
  if (has('generated') && to.generated) {
    return [
      { sql: `ALTER TABLE ${t} DROP COLUMN ${ident(to.name)}`, destructive: `re-creates generated column ${table.name}.${to.name}; its stored values are recomputed` },
      { sql: `ALTER TABLE ${t} ADD COLUMN ${columnDefinition(to, table, false, false)}` },
    ];
  }
  const out: Statement[] = [];
  if (has('generated')) out.push({ sql: `${col} DROP EXPRESSION` });
  if (has('identity') && from.identity && !to.identity) out.push({ sql: `${col} DROP IDENTITY` });
  let defaultDone = false;
  if (has('type')) {
    // The old default may not cast to the new type (text 'x' to an enum), so it goes first and the new one is set after.
    if (from.default !== undefined) out.push({ sql: `${col} DROP DEFAULT` });
    const type = alterableType(to);
    const via = to.typeSchema !== undefined ? `::text${arrayDims(to.type)}` : '';
    out.push({
      sql: `${col} SET DATA TYPE ${type} USING ${ident(to.name)}${via}::${type}`,
      destructive: `changes the type of ${table.name}.${to.name} from ${from.type} to ${to.type}; values that do not convert fail or change`,
    });
    if (to.default !== undefined) out.push({ sql: `${col} SET DEFAULT ${to.default}` });
    defaultDone = true;
  }
  if (has('default') && !defaultDone) out.push({ sql: to.default === undefined ? `${col} DROP DEFAULT` : `${col} SET DEFAULT ${to.default}` });
  if (has('notNull')) out.push({ sql: `${col} ${to.notNull ? 'SET' : 'DROP'} NOT NULL` });
  if (has('identity') && to.identity && !from.identity) {
    if (!from.notNull && !has('notNull')) out.push({ sql: `${col} SET NOT NULL` });
    out.push({ sql: `${col} ADD ${identityClause(to.identity, table)}` });
  }
  if (has('identity') && to.identity && from.identity) out.push(...alterIdentity(col, table, from.identity, to.identity));
  return out;
}

function alterIdentity(col: string, table: TableRef, from: IdentityModel, to: IdentityModel): Statement[] {
  const out: string[] = [];
  // An identity's sequence is an ordinary sequence as far as renaming goes.
  const rename: Statement[] = from.name !== undefined && to.name !== undefined && from.name !== to.name ? [{ sql: `ALTER SEQUENCE ${qualified(table.schema, from.name)} RENAME TO ${ident(to.name)}` }] : [];
  if (from.type !== to.type) out.push(`SET GENERATED ${to.type === 'always' ? 'ALWAYS' : 'BY DEFAULT'}`);
  if (from.minValue !== to.minValue) out.push(to.minValue === undefined ? 'SET NO MINVALUE' : `SET MINVALUE ${to.minValue}`);
  if (from.maxValue !== to.maxValue) out.push(to.maxValue === undefined ? 'SET NO MAXVALUE' : `SET MAXVALUE ${to.maxValue}`);
  if (from.increment !== to.increment) out.push(`SET INCREMENT BY ${to.increment ?? '1'}`);
  if (from.startWith !== to.startWith) out.push(`SET START WITH ${to.startWith ?? to.minValue ?? '1'}`);
  if (from.cache !== to.cache) out.push(`SET CACHE ${to.cache ?? '1'}`);
  if (from.cycle !== to.cycle) out.push(to.cycle ? 'SET CYCLE' : 'SET NO CYCLE');
  // One statement: PostgreSQL checks the options together, so raising MINVALUE with START WITH works.
  return out.length === 0 ? rename : [...rename, { sql: `${col} ${out.join(' ')}` }];
}
