import { SchemaError } from '../core/errors.js';
import type { Change, TableRef } from './changes.js';
import type { RenameAnswers, RenameQuestion } from './diff-hints.js';
import { dependencyOrder, GROUPS, mentions, same, tableDropOrder, tableOrder, viewUses, type Emit, type Group } from './diff-order.js';
import { resolve, type Resolution } from './diff-resolve.js';
import { diffForeignKeys, diffTable, type TableEffects } from './diff-tables.js';
import { qualifiedName, type EnumModel, type SchemaModel, type SequenceModel, type SequenceOptions, type TableModel, type ViewModel } from './model.js';

export { parseRenameHint, renameKey, RenameHintError } from './diff-hints.js';
export type { RenameAnswers, RenameEntity, RenameQuestion } from './diff-hints.js';

export type DiffResult = { status: 'ok'; changes: Change[] } | { status: 'questions'; questions: RenameQuestion[] };

/**
 * The changes that take a database from `from` to `to`, in the order they must run; or, when
 * something disappeared where something of its kind appeared and `answers` does not say whether
 * it was renamed, the questions to answer first. Questions come one level at a time (schemas and
 * roles; tables, enums, sequences and views; columns and policies): answer them, add the answers
 * and call again.
 *
 * @example
 * const result = diffSnapshots(previous, current, { 'table:public.people': 'public.users' });
 * if (result.status === 'questions') for (const q of result.questions) console.log(renameKey(q), q.candidates);
 */
export function diffSnapshots(from: SchemaModel, to: SchemaModel, answers: RenameAnswers): DiffResult {
  if (from.dialect !== to.dialect) throw new SchemaError(`Cannot diff a ${from.dialect} snapshot against a ${to.dialect} one`);
  checkNames(from, 'previous');
  checkNames(to, 'new');
  const resolution = resolve(from, to, answers);
  if ('questions' in resolution) return { status: 'questions', questions: resolution.questions };

  const groups = new Map<Group, Change[]>(GROUPS.map((g) => [g, []]));
  const emit: Emit = (group, change) => groups.get(group)!.push(change);

  diffSchemasAndRoles(resolution, emit);
  const converted = diffEnums(resolution, to, emit);
  diffSequences(resolution, emit);
  const effects = diffTables(resolution, to, emit);
  diffViews(resolution, from, to, [...tablesWithChangedColumns(effects), ...converted], emit);
  return { status: 'ok', changes: GROUPS.flatMap((g) => groups.get(g)!) };
}

/** Everything is matched by name, so a name used twice would silently lose one of its owners. */
function checkNames(m: SchemaModel, side: string): void {
  const unique = (kinds: string, names: string[], where = ''): void => {
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) throw new SchemaError(`The ${side} snapshot has two ${kinds} named ${name}${where}`);
      seen.add(name);
    }
  };
  unique('schemas', m.schemas);
  unique(
    'roles',
    m.roles.map((r) => r.name),
  );
  unique('enums', m.enums.map(qualifiedName));
  unique('sequences', m.sequences.map(qualifiedName));
  unique('tables', m.tables.map(qualifiedName));
  unique('views', m.views.map(qualifiedName));
  for (const t of m.tables) {
    const where = ` in table ${qualifiedName(t)}`;
    unique(
      'columns',
      t.columns.map((c) => c.name),
      where,
    );
    unique(
      'policies',
      t.policies.map((p) => p.name),
      where,
    );
    unique(
      'indexes',
      t.indexes.map((i) => i.name),
      where,
    );
    unique(
      'constraints',
      [...t.foreignKeys, ...t.uniques, ...t.checks].map((c) => c.name),
      where,
    );
  }
}

function diffSchemasAndRoles(r: Resolution, emit: Emit): void {
  for (const name of r.schemas.created) emit('schemas', { kind: 'create_schema', name });
  for (const p of r.schemas.pairs) if (p.renamed) emit('schemas', { kind: 'rename_schema', from: p.from, to: p.to });
  for (const name of r.schemas.dropped) emit('dropSchemas', { kind: 'drop_schema', name });

  for (const role of r.roles.created) emit('roles', { kind: 'create_role', role });
  for (const p of r.roles.pairs) {
    if (p.renamed) emit('roles', { kind: 'rename_role', from: p.from.name, to: p.to.name });
    if (!same({ ...p.from, name: p.to.name }, p.to)) emit('roles', { kind: 'alter_role', from: p.from, to: p.to });
  }
  for (const role of r.roles.dropped) emit('dropRoles', { kind: 'drop_role', role });
}

/** Returns the tables whose columns a recreated enum converts. */
function diffEnums(r: Resolution, to: SchemaModel, emit: Emit): TableRef[] {
  const converted: TableRef[] = [];
  for (const e of r.enums.created) emit('types', { kind: 'create_enum', enum: e });
  for (const p of r.enums.pairs) {
    // The old enum as it stands once the schema renames ran.
    let current: EnumModel = { ...p.from, schema: r.names.schema(p.from.schema) };
    if (current.schema !== p.to.schema) {
      const moved: EnumModel = { ...current, schema: p.to.schema };
      emit('typeRenames', { kind: 'move_enum', enum: moved, fromSchema: current.schema });
      current = moved;
    }
    if (current.name !== p.to.name) emit('typeRenames', { kind: 'rename_enum', from: current, to: p.to });

    const added = appendedValues(p.from.values, p.to.values);
    if (added === undefined) {
      const columns = enumColumns(p.to, to.tables);
      converted.push(...columns.map((c) => c.table));
      emit('recreateEnums', { kind: 'recreate_enum', from: { ...p.from, schema: p.to.schema, name: p.to.name }, to: p.to, columns });
    } else {
      for (const { value, before } of added) emit('types', { kind: 'add_enum_value', enum: p.to, value, before });
    }
  }
  for (const e of r.enums.dropped) emit('dropEnums', { kind: 'drop_enum', enum: { ...e, schema: r.names.schema(e.schema) } });
  return converted;
}

/**
 * The values `to` adds to `from` with the existing value each goes before, when `from` is `to`
 * with those values taken out; undefined when values were removed or reordered.
 */
function appendedValues(from: string[], to: string[]): { value: string; before: string | undefined }[] | undefined {
  const kept = new Set(from);
  if (
    !same(
      to.filter((v) => kept.has(v)),
      from,
    )
  )
    return undefined;
  return to.flatMap((value, i) => (kept.has(value) ? [] : [{ value, before: to.slice(i + 1).find((v) => kept.has(v)) }]));
}

function enumColumns(e: EnumModel, tables: TableModel[]): { table: TableRef; column: TableModel['columns'][number] }[] {
  return tables.flatMap((t) => t.columns.filter((c) => c.typeSchema === e.schema && c.type.replace(/(\[\d*\])+$/, '') === e.name).map((column) => ({ table: { schema: t.schema, name: t.name }, column })));
}

function diffSequences(r: Resolution, emit: Emit): void {
  const settings = (s: SequenceModel): SequenceOptions => {
    const { schema: _schema, name: _name, ...rest } = s;
    return rest;
  };
  for (const sequence of r.sequences.created) emit('types', { kind: 'create_sequence', sequence });
  for (const p of r.sequences.pairs) {
    const current: SequenceModel = { ...p.from, schema: r.names.schema(p.from.schema) };
    if (p.renamed) emit('typeRenames', { kind: 'rename_sequence', from: current, to: p.to });
    if (!same(settings(p.from), settings(p.to))) emit('types', { kind: 'alter_sequence', from: current, to: p.to });
  }
  for (const s of r.sequences.dropped) emit('dropSequences', { kind: 'drop_sequence', sequence: { ...s, schema: r.names.schema(s.schema) } });
}

/** Every table's changes; returns what the kept tables' changes mean for views. */
function diffTables(r: Resolution, to: SchemaModel, emit: Emit): Map<string, TableEffects> {
  for (const p of r.tablePairs) {
    if (!p.renamed) continue;
    const schema = r.names.schema(p.from.schema);
    if (schema !== p.to.schema) emit('renames', { kind: 'move_table', table: { schema: p.to.schema, name: p.from.name }, fromSchema: schema });
    if (p.from.name !== p.to.name) emit('renames', { kind: 'rename_table', from: { schema: p.to.schema, name: p.from.name }, to: { schema: p.to.schema, name: p.to.name } });
  }

  for (const table of tableOrder(r.tables.created)) emit('createTables', { kind: 'create_table', table });
  const effects = new Map<string, TableEffects>();
  const pairs = new Map(r.tablePairs.map((p) => [p.to, p] as const));
  for (const t of to.tables) {
    const pair = pairs.get(t);
    if (pair !== undefined) effects.set(qualifiedName(t), diffTable(pair, r.names, emit));
  }
  for (const t of to.tables) {
    const pair = pairs.get(t);
    const table = { schema: t.schema, name: t.name };
    if (pair !== undefined) {
      diffForeignKeys(pair, r.names, effects, emit);
      continue;
    }
    for (const foreignKey of t.foreignKeys) emit('addForeignKeys', { kind: 'add_foreign_key', table, foreignKey });
    for (const index of t.indexes) emit('createIndexes', { kind: 'create_index', table, index });
    if (t.rlsEnabled) emit('rls', { kind: 'enable_rls', table });
    for (const policy of t.policies) emit('policies', { kind: 'create_policy', table, policy });
  }

  // Foreign keys go first so that dropping tables never depends on their order (cycles included).
  const dropped = r.tables.dropped.map((t) => ({ ...t, schema: r.names.schema(t.schema) }));
  for (const t of dropped) {
    const table = { schema: t.schema, name: t.name };
    for (const foreignKey of t.foreignKeys) emit('dropForeignKeys', { kind: 'drop_foreign_key', table, foreignKey });
  }
  for (const table of tableDropOrder(dropped)) emit('dropTables', { kind: 'drop_table', table });
  return effects;
}

/** Drop order: whatever depends on an item goes before it, otherwise declaration order. */
function dependentsFirst<T>(items: T[], dependsOn: (item: T, other: T) => boolean): T[] {
  return dependencyOrder(items, (a, b) => dependsOn(b, a));
}

function tablesWithChangedColumns(effects: Map<string, TableEffects>): TableRef[] {
  return [...effects.values()].filter((e) => e.retyped.size > 0 || e.droppedColumns.size > 0).map((e) => e.table);
}

/**
 * Views are never altered in place: a changed view is dropped before the tables under it change
 * and created again after. So is an unchanged view that reads a table in `touched` (losing or
 * converting a column, which the database refuses under a view), and any view reading a view
 * that goes.
 */
function diffViews(r: Resolution, from: SchemaModel, to: SchemaModel, touched: TableRef[], emit: Emit): void {
  const drop: ViewModel[] = [...r.views.dropped];
  const create: ViewModel[] = [...r.views.created];
  const changed = (a: ViewModel, b: ViewModel): boolean => !same({ d: a.definition, m: a.materialized, o: a.options }, { d: b.definition, m: b.materialized, o: b.options });
  const touchedTables = touched.map((t) => t.name);

  const kept = r.views.pairs.filter((p) => {
    if (!changed(p.from, p.to) && !touchedTables.some((t) => mentions(p.to, t))) return true;
    drop.push(p.from);
    create.push(p.to);
    return false;
  });
  // A view reading a view that is dropped goes too, and comes back after it.
  for (let i = 0; i < drop.length; i++) {
    const gone = drop[i]!;
    for (let k = kept.length - 1; k >= 0; k--) {
      const p = kept[k]!;
      if (!viewUses(p.from, gone)) continue;
      kept.splice(k, 1);
      drop.push(p.from);
      create.push(p.to);
    }
  }
  for (const p of kept) if (p.renamed) emit('renames', { kind: 'rename_view', from: { ...p.from, schema: r.names.schema(p.from.schema) }, to: p.to });

  const dropOrder = dependentsFirst(inDeclarationOrder(drop, from.views), viewUses);
  for (const view of dropOrder) emit('dropViews', { kind: 'drop_view', view: { ...view, schema: r.names.schema(view.schema) } });
  for (const view of dependencyOrder(inDeclarationOrder(create, to.views), viewUses)) emit('createViews', { kind: 'create_view', view });
}

function inDeclarationOrder<T>(items: T[], declared: T[]): T[] {
  return [...items].sort((a, b) => declared.indexOf(a) - declared.indexOf(b));
}
