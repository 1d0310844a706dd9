import type { Change } from '../../src/kit/changes.js';
import type { ColumnModel, EnumModel, ForeignKeyModel, IndexModel, PolicyModel, SequenceModel, TableModel } from '../../src/kit/model.js';

/**
 * A deliberately small PostgreSQL rendering of the differ's changes, one statement each in list
 * order, so the differ tests can run a change list on a real database and prove its order works.
 * It is not the kit's renderer: it covers the cases these tests build and nothing more.
 */
export function toPgSql(changes: readonly Change[]): string[] {
  return changes.flatMap(render);
}

const id = (name: string): string => `"${name}"`;
const q = (o: { schema: string | undefined; name: string }): string => (o.schema === undefined ? id(o.name) : `${id(o.schema)}.${id(o.name)}`);
const lit = (v: string): string => `'${v.replace(/'/g, "''")}'`;
const list = (names: string[]): string => names.map(id).join(', ');

function columnType(c: ColumnModel): string {
  return c.typeSchema === undefined ? c.type : `${id(c.typeSchema)}.${c.type.replace(/^([^[]+)/, (n) => id(n))}`;
}

function columnSql(c: ColumnModel): string {
  return `${id(c.name)} ${columnType(c)}${c.notNull ? ' not null' : ''}${c.default === undefined ? '' : ` default ${c.default}`}`;
}

const fkSql = (fk: ForeignKeyModel): string =>
  `constraint ${id(fk.name)} foreign key (${list(fk.columns)}) references ${q({ schema: fk.schemaTo, name: fk.tableTo })} (${list(fk.columnsTo)}) on delete ${fk.onDelete} on update ${fk.onUpdate}`;
const indexSql = (t: { schema: string | undefined; name: string }, i: IndexModel): string =>
  `create ${i.unique ? 'unique ' : ''}index ${id(i.name)} on ${q(t)} (${i.columns.map((c) => c.expression).join(', ')})`;
const enumSql = (e: EnumModel): string => `create type ${q(e)} as enum (${e.values.map(lit).join(', ')})`;
const policySql = (t: { schema: string | undefined; name: string }, p: PolicyModel): string =>
  `create policy ${id(p.name)} on ${q(t)} as ${p.as} for ${p.for} to ${p.to.join(', ')}${p.using === undefined ? '' : ` using (${p.using})`}${p.withCheck === undefined ? '' : ` with check (${p.withCheck})`}`;
const sequenceSql = (s: SequenceModel): string =>
  `${s.increment === undefined ? '' : ` increment by ${s.increment}`}${s.startWith === undefined ? '' : ` start with ${s.startWith}`}${s.cycle ? ' cycle' : ' no cycle'}`;

function tableSql(t: TableModel): string {
  const parts = t.columns.map(columnSql);
  if (t.primaryKey !== undefined) parts.push(`constraint ${id(t.primaryKey.name)} primary key (${list(t.primaryKey.columns)})`);
  for (const u of t.uniques) parts.push(`constraint ${id(u.name)} unique (${list(u.columns)})`);
  for (const c of t.checks) parts.push(`constraint ${id(c.name)} check (${c.expression})`);
  return `create table ${q(t)} (${parts.join(', ')})`;
}

function render(c: Change): string[] {
  switch (c.kind) {
    case 'create_schema':
      return [`create schema ${id(c.name)}`];
    case 'drop_schema':
      return [`drop schema ${id(c.name)}`];
    case 'rename_schema':
      return [`alter schema ${id(c.from)} rename to ${id(c.to)}`];
    case 'create_role':
      return [`create role ${id(c.role.name)}`];
    case 'drop_role':
      return [`drop role ${id(c.role.name)}`];
    case 'rename_role':
      return [`alter role ${id(c.from)} rename to ${id(c.to)}`];
    case 'alter_role':
      return [`alter role ${id(c.to.name)} ${c.to.createDb ? 'createdb' : 'nocreatedb'}`];
    case 'create_enum':
      return [enumSql(c.enum)];
    case 'drop_enum':
      return [`drop type ${q(c.enum)}`];
    case 'rename_enum':
      return [`alter type ${q(c.from)} rename to ${id(c.to.name)}`];
    case 'move_enum':
      return [`alter type ${q({ schema: c.fromSchema, name: c.enum.name })} set schema ${id(c.enum.schema!)}`];
    case 'add_enum_value':
      return [`alter type ${q(c.enum)} add value ${lit(c.value)}${c.before === undefined ? '' : ` before ${lit(c.before)}`}`];
    case 'recreate_enum': {
      const old = { schema: c.from.schema, name: `${c.from.name}_old` };
      return [
        `alter type ${q(c.from)} rename to ${id(old.name)}`,
        enumSql(c.to),
        ...c.columns.map(({ table, column }) => `alter table ${q(table)} alter column ${id(column.name)} type ${columnType(column)} using ${id(column.name)}::text::${columnType(column)}`),
        `drop type ${q(old)}`,
      ];
    }
    case 'create_sequence':
      return [`create sequence ${q(c.sequence)}${sequenceSql(c.sequence)}`];
    case 'drop_sequence':
      return [`drop sequence ${q(c.sequence)}`];
    case 'rename_sequence':
      return [`alter sequence ${q(c.from)} rename to ${id(c.to.name)}`];
    case 'alter_sequence':
      return [`alter sequence ${q(c.to)}${sequenceSql(c.to)}`];
    case 'create_table':
      return [tableSql(c.table)];
    case 'drop_table':
      return [`drop table ${q(c.table)}`];
    case 'rename_table':
      return [`alter table ${q(c.from)} rename to ${id(c.to.name)}`];
    case 'move_table':
      return [`alter table ${q({ schema: c.fromSchema, name: c.table.name })} set schema ${id(c.table.schema!)}`];
    case 'add_column':
      return [`alter table ${q(c.table)} add column ${columnSql(c.column)}`];
    case 'drop_column':
      return [`alter table ${q(c.table)} drop column ${id(c.column.name)}`];
    case 'rename_column':
      return [`alter table ${q(c.table)} rename column ${id(c.from)} to ${id(c.to)}`];
    case 'alter_column': {
      const at = `alter table ${q(c.table)} alter column ${id(c.to.name)}`;
      return c.aspects.flatMap((a) => {
        if (a === 'type') return [`${at} type ${columnType(c.to)} using ${id(c.to.name)}::${columnType(c.to)}`];
        if (a === 'notNull') return [`${at} ${c.to.notNull ? 'set' : 'drop'} not null`];
        if (a === 'default') return [c.to.default === undefined ? `${at} drop default` : `${at} set default ${c.to.default}`];
        throw new Error(`toPgSql: alter_column ${a} is not covered`);
      });
    }
    case 'add_primary_key':
      return [`alter table ${q(c.table)} add constraint ${id(c.primaryKey.name)} primary key (${list(c.primaryKey.columns)})`];
    case 'drop_primary_key':
      return [`alter table ${q(c.table)} drop constraint ${id(c.primaryKey.name)}`];
    case 'add_foreign_key':
      return [`alter table ${q(c.table)} add ${fkSql(c.foreignKey)}`];
    case 'drop_foreign_key':
      return [`alter table ${q(c.table)} drop constraint ${id(c.foreignKey.name)}`];
    case 'add_unique':
      return [`alter table ${q(c.table)} add constraint ${id(c.unique.name)} unique (${list(c.unique.columns)})`];
    case 'drop_unique':
      return [`alter table ${q(c.table)} drop constraint ${id(c.unique.name)}`];
    case 'add_check':
      return [`alter table ${q(c.table)} add constraint ${id(c.check.name)} check (${c.check.expression})`];
    case 'drop_check':
      return [`alter table ${q(c.table)} drop constraint ${id(c.check.name)}`];
    case 'create_index':
      return [indexSql(c.table, c.index)];
    case 'drop_index':
      return [`drop index ${q({ schema: c.table.schema, name: c.index.name })}`];
    case 'rename_index':
      return [`alter index ${q({ schema: c.table.schema, name: c.from })} rename to ${id(c.to)}`];
    case 'enable_rls':
      return [`alter table ${q(c.table)} enable row level security`];
    case 'disable_rls':
      return [`alter table ${q(c.table)} disable row level security`];
    case 'create_policy':
      return [policySql(c.table, c.policy)];
    case 'drop_policy':
      return [`drop policy ${id(c.policy.name)} on ${q(c.table)}`];
    case 'rename_policy':
      return [`alter policy ${id(c.from)} on ${q(c.table)} rename to ${id(c.to)}`];
    case 'alter_policy':
      return [`alter policy ${id(c.to.name)} on ${q(c.table)} to ${c.to.to.join(', ')}${c.to.using === undefined ? '' : ` using (${c.to.using})`}`];
    case 'create_view':
      return [`create ${c.view.materialized ? 'materialized ' : ''}view ${q(c.view)} as ${c.view.definition!}`];
    case 'drop_view':
      return [`drop ${c.view.materialized ? 'materialized ' : ''}view ${q(c.view)}`];
    case 'rename_view':
      return [`alter ${c.from.materialized ? 'materialized ' : ''}view ${q(c.from)} rename to ${id(c.to.name)}`];
  }
}
