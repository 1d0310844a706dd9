import type { Change, ColumnAspect, TableRef } from './changes.js';
import { qualifiedName, type ColumnModel, type EnumModel, type IndexModel } from './model.js';

/** What the two ends of a diff are called in a description: `from` is the side the changes start from. */
export interface DiffSides {
  /** e.g. "the database" */
  from: string;
  /** e.g. "the migrations" */
  to: string;
}

/**
 * One line saying what differs, for a change of a diff between two named sides: a drift check
 * lists what is wrong rather than the SQL that would fix it, e.g. `drop_column` from the database
 * to the migrations reads "column users.nickname exists in the database, not in the migrations".
 * Kinds without a wording of their own fall back to the kind and the object's name.
 *
 * @example describeChange(change, { from: 'the database', to: 'the migrations' })
 */
export function describeChange(change: Change, sides: DiffSides): string {
  const onlyTo = (what: string) => `${what} exists in ${sides.to}, not in ${sides.from}`;
  const onlyFrom = (what: string) => `${what} exists in ${sides.from}, not in ${sides.to}`;
  const named = (what: string, from: string, to: string) => `${what} is named ${to} in ${sides.to}, ${from} in ${sides.from}`;
  const t = (table: TableRef) => displayName(table);
  switch (change.kind) {
    case 'create_schema':
      return onlyTo(`schema ${change.name}`);
    case 'drop_schema':
      return onlyFrom(`schema ${change.name}`);
    case 'rename_schema':
      return named('a schema', change.from, change.to);
    case 'create_role':
      return onlyTo(`role ${change.role.name}`);
    case 'drop_role':
      return onlyFrom(`role ${change.role.name}`);
    case 'rename_role':
      return named('a role', change.from, change.to);
    case 'alter_role':
      return `role ${change.to.name} has other options in ${sides.to} than in ${sides.from}`;
    case 'create_enum':
      return onlyTo(`enum ${displayName(change.enum)} (${enumValues(change.enum)})`);
    case 'drop_enum':
      return onlyFrom(`enum ${displayName(change.enum)} (${enumValues(change.enum)})`);
    case 'rename_enum':
      return named('an enum', displayName(change.from), displayName(change.to));
    case 'move_enum':
      return `enum ${change.enum.name} is in schema ${change.enum.schema ?? 'public'} in ${sides.to}, ${change.fromSchema ?? 'public'} in ${sides.from}`;
    case 'add_enum_value':
      return `enum ${displayName(change.enum)} has value '${change.value}' in ${sides.to}, not in ${sides.from}`;
    case 'recreate_enum':
      return `enum ${displayName(change.to)} has values ${enumValues(change.to)} in ${sides.to}, ${enumValues(change.from)} in ${sides.from}`;
    case 'create_sequence':
      return onlyTo(`sequence ${displayName(change.sequence)}`);
    case 'drop_sequence':
      return onlyFrom(`sequence ${displayName(change.sequence)}`);
    case 'rename_sequence':
      return named('a sequence', displayName(change.from), displayName(change.to));
    case 'alter_sequence':
      return `sequence ${displayName(change.to)} has other options in ${sides.to} than in ${sides.from}`;
    case 'create_table':
      return onlyTo(`table ${t(change.table)}`);
    case 'drop_table':
      return onlyFrom(`table ${t(change.table)}`);
    case 'rename_table':
      return named('a table', t(change.from), t(change.to));
    case 'move_table':
      return `table ${change.table.name} is in schema ${change.table.schema ?? 'public'} in ${sides.to}, ${change.fromSchema ?? 'public'} in ${sides.from}`;
    case 'add_column':
      return onlyTo(`column ${t(change.table)}.${change.column.name}`);
    case 'drop_column':
      return onlyFrom(`column ${t(change.table)}.${change.column.name}`);
    case 'rename_column':
      return named(`a column of ${t(change.table)}`, change.from, change.to);
    case 'alter_column':
      return `column ${t(change.table)}.${change.to.name} differs: ${change.aspects.map((a) => aspectDifference(a, change.from, change.to, sides)).join('; ')}`;
    case 'add_primary_key':
      return onlyTo(`primary key ${change.primaryKey.name} (${change.primaryKey.columns.join(', ')}) of ${t(change.table)}`);
    case 'drop_primary_key':
      return onlyFrom(`primary key ${change.primaryKey.name} (${change.primaryKey.columns.join(', ')}) of ${t(change.table)}`);
    case 'rename_primary_key':
      return named(`the primary key of ${t(change.table)}`, change.from, change.to);
    case 'add_foreign_key':
      return onlyTo(`foreign key ${change.foreignKey.name} of ${t(change.table)}`);
    case 'drop_foreign_key':
      return onlyFrom(`foreign key ${change.foreignKey.name} of ${t(change.table)}`);
    case 'add_unique':
      return onlyTo(`unique constraint ${change.unique.name} (${change.unique.columns.join(', ')}) of ${t(change.table)}`);
    case 'drop_unique':
      return onlyFrom(`unique constraint ${change.unique.name} (${change.unique.columns.join(', ')}) of ${t(change.table)}`);
    case 'add_check':
      return onlyTo(`check ${change.check.name} of ${t(change.table)}`);
    case 'drop_check':
      return onlyFrom(`check ${change.check.name} of ${t(change.table)}`);
    case 'create_index':
      return onlyTo(`index ${indexLabel(change.index)} of ${t(change.table)}`);
    case 'drop_index':
      return onlyFrom(`index ${indexLabel(change.index)} of ${t(change.table)}`);
    case 'rename_index':
      return named(`an index of ${t(change.table)}`, change.from, change.to);
    case 'enable_rls':
      return `row level security of ${t(change.table)} is on in ${sides.to}, off in ${sides.from}`;
    case 'disable_rls':
      return `row level security of ${t(change.table)} is off in ${sides.to}, on in ${sides.from}`;
    case 'create_policy':
      return onlyTo(`policy ${change.policy.name} on ${t(change.table)}`);
    case 'drop_policy':
      return onlyFrom(`policy ${change.policy.name} on ${t(change.table)}`);
    case 'rename_policy':
      return named(`a policy on ${t(change.table)}`, change.from, change.to);
    case 'alter_policy':
      return `policy ${change.to.name} on ${t(change.table)} differs between ${sides.to} and ${sides.from}`;
    case 'create_view':
      return onlyTo(`${change.view.materialized ? 'materialized view' : 'view'} ${displayName(change.view)}`);
    case 'drop_view':
      return onlyFrom(`${change.view.materialized ? 'materialized view' : 'view'} ${displayName(change.view)}`);
    case 'rename_view':
      return named('a view', displayName(change.from), displayName(change.to));
    default:
      return fallback(change);
  }
}

/** A name as a user reads it: `public` (PostgreSQL's default schema) left out. */
function displayName(obj: { schema: string | undefined; name: string }): string {
  return obj.schema === 'public' ? obj.name : qualifiedName(obj);
}

/** A change kind added later still gets a line: its kind and whatever it names. */
function fallback(change: Change): string {
  const c = change as Change & { table?: TableRef; name?: string };
  const subject = c.table !== undefined ? ` ${displayName(c.table)}` : c.name !== undefined ? ` ${c.name}` : '';
  return `${(change as { kind: string }).kind}${subject}`;
}

function enumValues(e: EnumModel): string {
  return e.values.map((v) => `'${v}'`).join(', ');
}

function indexLabel(index: IndexModel): string {
  // A plain column's expression is its quoted name; the name reads the same on every dialect.
  const part = (c: IndexModel['columns'][number]) => (c.isExpression ? c.expression : c.expression.replace(/^(["`])(.*)\1$/, '$2'));
  return `${index.unique ? 'unique ' : ''}${index.name} (${index.columns.map(part).join(', ')})`;
}

/** One aspect of a column as "<aspect> <to-value> in <to>, <from-value> in <from>". */
function aspectDifference(aspect: ColumnAspect, from: ColumnModel, to: ColumnModel, sides: DiffSides): string {
  const show = (column: ColumnModel): string => {
    switch (aspect) {
      case 'type':
        return column.type;
      case 'notNull':
        return column.notNull ? 'not null' : 'nullable';
      case 'default':
        return column.default ?? 'none';
      case 'generated':
        return column.generated === undefined ? 'none' : `${column.generated.as} (${column.generated.type})`;
      case 'identity':
        return column.identity === undefined ? 'none' : `generated ${column.identity.type === 'always' ? 'always' : 'by default'}`;
      case 'autoincrement':
        return column.autoincrement ? 'on' : 'off';
      case 'onUpdate':
        return column.onUpdate ?? 'none';
    }
  };
  const label = aspect === 'notNull' ? 'nullability' : aspect === 'onUpdate' ? 'on update' : aspect;
  return `${label} ${show(to)} in ${sides.to}, ${show(from)} in ${sides.from}`;
}
