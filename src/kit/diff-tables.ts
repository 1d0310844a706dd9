import type { ColumnAspect, TableRef } from './changes.js';
import { same, type Emit } from './diff-order.js';
import type { NameMap, TablePair } from './diff-resolve.js';
import { qualifiedName, type ColumnModel, type ForeignKeyModel, type IndexModel, type PolicyModel, type TableModel, type UniqueModel } from './model.js';

/** What one kept table's changes mean for the things that depend on it. */
export interface TableEffects {
  table: TableRef;
  /** Columns (new names) whose type changes. */
  retyped: Set<string>;
  /** Columns (new names) that go away. */
  droppedColumns: Set<string>;
  /** Column sets (new names) of dropped primary keys, uniques and unique indexes. */
  droppedKeys: string[][];
}

const ref = (t: TableModel): TableRef => ({ schema: t.schema, name: t.name });

/**
 * A kept (possibly renamed) table's changes except foreign keys, which need every table's
 * effects first (`diffForeignKeys`). The old side is first translated into the new side's
 * names (renamed columns, tables and enums), so a rename alone never looks like a change.
 */
export function diffTable(pair: TablePair, names: NameMap, emit: Emit): TableEffects {
  const { from, to } = pair;
  const table = ref(to);
  const col = (c: string): string => names.column(from, c);
  const effects: TableEffects = { table, retyped: new Set(), droppedColumns: new Set(), droppedKeys: [] };

  for (const c of pair.columns.pairs) if (c.renamed) emit('renames', { kind: 'rename_column', table, from: c.from.name, to: c.to.name });
  for (const column of pair.columns.created) emit('addColumns', { kind: 'add_column', table, column });
  for (const c of pair.columns.pairs) {
    const aspects = columnAspects(c.from, c.to, names);
    if (aspects.includes('type')) effects.retyped.add(c.to.name);
    if (aspects.length > 0) emit('alterColumns', { kind: 'alter_column', table, from: c.from, to: c.to, aspects });
  }
  for (const column of pair.columns.dropped) {
    effects.droppedColumns.add(column.name);
    emit('dropColumns', { kind: 'drop_column', table, column });
  }

  const fromPk = from.primaryKey === undefined ? undefined : { ...from.primaryKey, columns: from.primaryKey.columns.map(col) };
  if (fromPk !== undefined && to.primaryKey !== undefined && fromPk.name !== to.primaryKey.name && same({ ...fromPk, name: to.primaryKey.name }, to.primaryKey)) {
    emit('renames', { kind: 'rename_primary_key', table, from: fromPk.name, to: to.primaryKey.name });
  } else if (!same(fromPk, to.primaryKey)) {
    if (from.primaryKey !== undefined) {
      effects.droppedKeys.push(fromPk!.columns);
      emit('dropPrimaryKeys', { kind: 'drop_primary_key', table, primaryKey: from.primaryKey });
    }
    if (to.primaryKey !== undefined) emit('addPrimaryKeys', { kind: 'add_primary_key', table, primaryKey: to.primaryKey });
  }

  byName(from.uniques, to.uniques, (u): UniqueModel => ({ ...u, columns: u.columns.map(col) }), {
    drop: (unique, mapped) => {
      effects.droppedKeys.push(mapped.columns);
      emit('dropUniques', { kind: 'drop_unique', table, unique });
    },
    add: (unique) => emit('addUniques', { kind: 'add_unique', table, unique }),
  });
  byName(from.checks, to.checks, (c) => c, {
    drop: (check) => emit('dropChecks', { kind: 'drop_check', table, check }),
    add: (check) => emit('addChecks', { kind: 'add_check', table, check }),
  });
  byName(from.indexes, to.indexes, (i) => comparableIndex(i, col), {
    drop: (index, mapped) => {
      if (index.unique) effects.droppedKeys.push(mapped.columns.map((c) => (c.isExpression ? c.expression : unquote(c.expression))));
      emit('dropIndexes', { kind: 'drop_index', table, index });
    },
    add: (index) => emit('createIndexes', { kind: 'create_index', table, index }),
    compare: (a, b) =>
      same(
        comparableIndex(a, (c) => c),
        comparableIndex(b, (c) => c),
      ),
  });

  if (!from.rlsEnabled && to.rlsEnabled) emit('rls', { kind: 'enable_rls', table });
  if (from.rlsEnabled && !to.rlsEnabled) emit('rls', { kind: 'disable_rls', table });
  diffPolicies(pair, table, names, emit);
  return effects;
}

/** Which aspects of a kept column differ, with the old column read in the new names. */
export function columnAspects(from: ColumnModel, to: ColumnModel, names: NameMap): ColumnAspect[] {
  const aspects: ColumnAspect[] = [];
  const type = oldType(from, names);
  if (type.type !== to.type || type.typeSchema !== to.typeSchema) aspects.push('type');
  if (from.notNull !== to.notNull) aspects.push('notNull');
  if (from.default !== to.default) aspects.push('default');
  if (!same(from.generated, to.generated)) aspects.push('generated');
  if (!same(from.identity, to.identity)) aspects.push('identity');
  if (from.autoincrement !== to.autoincrement) aspects.push('autoincrement');
  if (from.onUpdate !== to.onUpdate) aspects.push('onUpdate');
  return aspects;
}

/** An old column's type after enum and schema renames: the database renamed it with them. */
function oldType(column: ColumnModel, names: NameMap): { type: string; typeSchema: string | undefined } {
  const base = column.type.replace(/(\[\d*\])+$/, '');
  const suffix = column.type.slice(base.length);
  const renamed = names.enum(column.typeSchema, base);
  if (renamed !== undefined) return { type: `${renamed.name}${suffix}`, typeSchema: renamed.schema };
  return { type: column.type, typeSchema: names.schema(column.typeSchema) };
}

/**
 * Foreign keys of a kept table: by name, the old one read in new names. An unchanged key is
 * still dropped and re-added when a column on either end changes type or the key it references
 * is dropped, since the database refuses those changes while the key exists.
 */
export function diffForeignKeys(pair: TablePair, names: NameMap, effects: Map<string, TableEffects>, emit: Emit): void {
  const { from, to } = pair;
  const table = ref(to);
  const own = effects.get(qualifiedName(to));
  const mapFk = (fk: ForeignKeyModel): ForeignKeyModel => {
    const target = { schema: fk.schemaTo, name: fk.tableTo };
    const newTarget = names.table(target);
    return {
      ...fk,
      columns: fk.columns.map((c) => names.column(from, c)),
      tableTo: newTarget.name,
      schemaTo: newTarget.schema,
      columnsTo: fk.columnsTo.map((c) => names.column(target, c)),
    };
  };
  byName(from.foreignKeys, to.foreignKeys, mapFk, {
    drop: (foreignKey) => emit('dropForeignKeys', { kind: 'drop_foreign_key', table, foreignKey }),
    add: (foreignKey) => emit('addForeignKeys', { kind: 'add_foreign_key', table, foreignKey }),
    force: (fk) => {
      const target = effects.get(qualifiedName({ schema: fk.schemaTo, name: fk.tableTo }));
      if (own !== undefined && fk.columns.some((c) => own.retyped.has(c))) return true;
      if (target === undefined) return false;
      if (fk.columnsTo.some((c) => target.retyped.has(c))) return true;
      return target.droppedKeys.some((key) => key.some((c) => fk.columnsTo.includes(c)));
    },
  });
}

function diffPolicies(pair: TablePair, table: TableRef, names: NameMap, emit: Emit): void {
  const { policies } = pair;
  for (const p of policies.pairs) if (p.renamed) emit('renames', { kind: 'rename_policy', table, from: p.from.name, to: p.to.name });
  for (const policy of policies.dropped) emit('dropPolicies', { kind: 'drop_policy', table, policy });
  for (const p of policies.pairs) {
    const old: PolicyModel = { ...p.from, name: p.to.name, to: p.from.to.map((r) => names.role(r)) };
    if (same(old, p.to)) continue;
    if (old.as !== p.to.as || old.for !== p.to.for) {
      emit('dropPolicies', { kind: 'drop_policy', table, policy: { ...p.from, name: p.to.name } });
      emit('policies', { kind: 'create_policy', table, policy: p.to });
    } else {
      emit('policies', { kind: 'alter_policy', table, from: p.from, to: p.to });
    }
  }
  for (const policy of policies.created) emit('policies', { kind: 'create_policy', table, policy });
}

/** An index as compared: the old column names renamed, `concurrently` (how it is built, not what it is) left out. */
function comparableIndex(index: IndexModel, col: (c: string) => string): IndexModel {
  return {
    ...index,
    concurrently: false,
    columns: index.columns.map((c) => (c.isExpression ? c : { ...c, expression: renameQuoted(c.expression, col) })),
  };
}

function unquote(expression: string): string {
  const quoted = /^(["`[])(.*)(["`\]])$/.exec(expression);
  return quoted === null ? expression : quoted[2]!;
}

/** `"a"` -> `"b"` when column a became b, keeping the dialect's quotes. */
function renameQuoted(expression: string, col: (c: string) => string): string {
  const quoted = /^(["`[])(.*)(["`\]])$/.exec(expression);
  if (quoted === null) return col(expression);
  return `${quoted[1]}${col(quoted[2]!)}${quoted[3]}`;
}

/**
 * Named things of one table: an old one missing on the new side is dropped, a new one missing
 * on the old side added, and one whose definition differs (or `force` says must go) both.
 */
function byName<T extends { name: string }>(from: T[], to: T[], translate: (old: T) => T, on: { drop: (old: T, translated: T) => void; add: (item: T) => void; force?: (item: T) => boolean; compare?: (a: T, b: T) => boolean }): void {
  const compare = on.compare ?? same;
  const toByName = new Map(to.map((t) => [t.name, t] as const));
  const fromByName = new Map(from.map((f) => [f.name, f] as const));
  for (const f of from) {
    const t = toByName.get(f.name);
    const translated = translate(f);
    if (t === undefined || !compare(translated, t) || (on.force?.(t) ?? false)) on.drop(f, translated);
  }
  for (const t of to) {
    const f = fromByName.get(t.name);
    if (f === undefined || !compare(translate(f), t) || (on.force?.(t) ?? false)) on.add(t);
  }
}
