import type { RenameAnswers, RenameEntity, RenameQuestion } from './diff-hints.js';
import { matchRenames } from './diff-renames.js';
import { qualifiedName, type ColumnModel, type EnumModel, type PolicyModel, type RoleModel, type SchemaModel, type SequenceModel, type TableModel, type ViewModel } from './model.js';
import type { TableRef } from './changes.js';

/** One thing on both sides: unchanged in name, or renamed. */
export interface Pair<T> {
  from: T;
  to: T;
  renamed: boolean;
}

/** The two sides of one kind of thing, matched. `pairs` follows the new side's order. */
export interface Resolved<T> {
  pairs: Pair<T>[];
  created: T[];
  dropped: T[];
}

export interface TablePair extends Pair<TableModel> {
  columns: Resolved<ColumnModel>;
  policies: Resolved<PolicyModel>;
}

/** Every rename decided: what the differ compares. */
export interface Resolution {
  schemas: Resolved<string>;
  roles: Resolved<RoleModel>;
  enums: Resolved<EnumModel>;
  sequences: Resolved<SequenceModel>;
  tables: Resolved<TableModel>;
  tablePairs: TablePair[];
  views: Resolved<ViewModel>;
  names: NameMap;
}

/** Old names as the database calls them once this migration's renames have run. */
export interface NameMap {
  schema(old: string | undefined): string | undefined;
  /** A table of `from` by its old qualified name -> its name in `to`. */
  table(old: TableRef): TableRef;
  /** A column of the old table -> its new name. */
  column(oldTable: TableRef, old: string): string;
  role(old: string): string;
  /** An old enum (by schema and name) -> the new one, when it survives. */
  enum(schema: string | undefined, name: string): EnumModel | undefined;
}

type Level = { questions: RenameQuestion[] };

/**
 * Matches `from` to `to` level by level (schemas and roles; then tables, enums, sequences and
 * views; then columns and policies), stopping at the first level with unanswered questions:
 * a later level's scopes depend on the earlier answers.
 */
export function resolve(from: SchemaModel, to: SchemaModel, answers: RenameAnswers): Resolution | Level {
  const schemas = resolveScope<string>(
    'schema',
    undefined,
    from.schemas,
    to.schemas,
    (s) => s,
    (s) => s,
    answers,
  );
  const roles = resolveScope<RoleModel>(
    'role',
    undefined,
    from.roles,
    to.roles,
    (r) => r.name,
    (r) => r.name,
    answers,
  );
  const first = [...schemas.questions, ...roles.questions];
  if (first.length > 0) return { questions: first };

  const schemaMap = new Map(schemas.resolved.pairs.filter((p) => p.renamed).map((p) => [p.from, p.to] as const));
  const mapSchema = (s: string | undefined): string | undefined => (s === undefined ? s : (schemaMap.get(s) ?? s));
  const projected = (o: { schema: string | undefined; name: string }): string => qualifiedName({ schema: mapSchema(o.schema), name: o.name });
  const sameSchema = (a: { schema: string | undefined }, b: { schema: string | undefined }): boolean => mapSchema(a.schema) === b.schema;

  const enums = resolveScope('enum', undefined, from.enums, to.enums, projected, qualifiedName, answers);
  const sequences = resolveScope('sequence', undefined, from.sequences, to.sequences, projected, qualifiedName, answers, sameSchema);
  const tables = resolveScope('table', undefined, from.tables, to.tables, projected, qualifiedName, answers);
  const managed = (views: ViewModel[]): ViewModel[] => views.filter((v) => v.definition !== undefined);
  const views = resolveScope('view', undefined, managed(from.views), managed(to.views), projected, qualifiedName, answers, sameSchema);
  const second = [...enums.questions, ...sequences.questions, ...tables.questions, ...views.questions];
  if (second.length > 0) return { questions: second };

  const tablePairs: (TablePair & { questions: RenameQuestion[] })[] = tables.resolved.pairs.map((pair) => {
    const scope = qualifiedName(pair.to);
    const byName = (c: { name: string }): string => c.name;
    const columns = resolveScope('column', scope, pair.from.columns, pair.to.columns, byName, byName, answers);
    const policies = resolveScope('policy', scope, pair.from.policies, pair.to.policies, byName, byName, answers);
    return { ...pair, columns: columns.resolved, policies: policies.resolved, questions: [...columns.questions, ...policies.questions] };
  });
  const third = tablePairs.flatMap((p) => p.questions);
  if (third.length > 0) return { questions: third };

  const tableMap = new Map(tablePairs.map((p) => [qualifiedName(p.from), p] as const));
  const roleMap = new Map(roles.resolved.pairs.map((p) => [p.from.name, p.to.name] as const));
  const enumMap = new Map(enums.resolved.pairs.map((p) => [qualifiedName(p.from), p.to] as const));
  const names: NameMap = {
    schema: mapSchema,
    table: (old) => {
      const pair = tableMap.get(qualifiedName(old));
      return pair === undefined ? { schema: mapSchema(old.schema), name: old.name } : { schema: pair.to.schema, name: pair.to.name };
    },
    column: (oldTable, old) => {
      const pair = tableMap.get(qualifiedName(oldTable))?.columns.pairs.find((c) => c.from.name === old);
      return pair === undefined ? old : pair.to.name;
    },
    role: (old) => roleMap.get(old) ?? old,
    enum: (schema, name) => enumMap.get(qualifiedName({ schema, name })),
  };
  return {
    schemas: schemas.resolved,
    roles: roles.resolved,
    enums: enums.resolved,
    sequences: sequences.resolved,
    tables: tables.resolved,
    tablePairs: tablePairs.map(({ from: f, to: t, renamed, columns, policies }) => ({ from: f, to: t, renamed, columns, policies })),
    views: views.resolved,
    names,
  };
}

/**
 * One scope: things with the same key on both sides are kept; the rest are renamed (by an
 * answer), created or dropped, or asked about. `fromKey` is an old thing's key as the new side
 * would spell it (its schema renamed), `id` the name questions show.
 */
function resolveScope<T>(
  entity: RenameEntity,
  scope: string | undefined,
  fromItems: T[],
  toItems: T[],
  fromKey: (item: T) => string,
  toKey: (item: T) => string,
  answers: RenameAnswers,
  allowed?: (from: T, to: T) => boolean,
): { resolved: Resolved<T>; questions: RenameQuestion[] } {
  const id = (item: T): string => (typeof item === 'string' ? item : qualifiedName(item as { schema: string | undefined; name: string }));
  const fromByKey = new Map(fromItems.map((f) => [fromKey(f), f] as const));
  const kept = new Map<T, T>();
  for (const t of toItems) {
    const f = fromByKey.get(toKey(t));
    if (f !== undefined) kept.set(t, f);
  }
  const keptFrom = new Set(kept.values());
  const matched = matchRenames(
    {
      entity,
      scope,
      removed: fromItems.filter((f) => !keptFrom.has(f)),
      added: toItems.filter((t) => !kept.has(t)),
      id,
      currentId: fromKey,
      ...(allowed === undefined ? {} : { allowed }),
    },
    answers,
  );
  const renamedTo = new Map(matched.renamed.map(([f, t]) => [t, f] as const));
  const pairs: Pair<T>[] = [];
  for (const t of toItems) {
    const k = kept.get(t);
    if (k !== undefined) pairs.push({ from: k, to: t, renamed: false });
    const r = renamedTo.get(t);
    if (r !== undefined) pairs.push({ from: r, to: t, renamed: true });
  }
  return { resolved: { pairs, created: matched.created, dropped: matched.dropped }, questions: matched.questions };
}
