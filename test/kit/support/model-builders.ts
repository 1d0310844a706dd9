/**
 * Small builders for the kit's snapshot model: each fills every field with its "nothing special"
 * value so a test writes only what it is about.
 */
import type { RenderContext } from '../../../src/kit/changes.js';
import {
  emptySnapshot,
  type CheckModel,
  type ColumnModel,
  type EnumModel,
  type ForeignKeyModel,
  type IdentityModel,
  type IndexColumnModel,
  type IndexModel,
  type KitDialectName,
  type PolicyModel,
  type RoleModel,
  type SchemaModel,
  type SequenceModel,
  type Snapshot,
  type TableModel,
  type UniqueModel,
  type ViewModel,
} from '../../../src/kit/model.js';

export function column(name: string, type: string, extra: Partial<ColumnModel> = {}): ColumnModel {
  return { name, type, typeSchema: undefined, notNull: false, default: undefined, generated: undefined, identity: undefined, autoincrement: false, onUpdate: undefined, ...extra };
}

/** A table; `schema` defaults to `public` (PostgreSQL's convention; pass `undefined` for the other dialects). */
export function table(name: string, columns: ColumnModel[], extra: Partial<TableModel> = {}): TableModel {
  return { schema: 'public', name, columns, primaryKey: undefined, foreignKeys: [], uniques: [], checks: [], indexes: [], rlsEnabled: false, policies: [], ...extra };
}

export function identity(type: IdentityModel['type'], extra: Partial<IdentityModel> = {}): IdentityModel {
  return { type, name: undefined, increment: undefined, minValue: undefined, maxValue: undefined, startWith: undefined, cache: undefined, cycle: false, ...extra };
}

export function enumModel(name: string, values: string[], schema: string | undefined = 'public'): EnumModel {
  return { schema, name, values };
}

export function sequence(name: string, extra: Partial<SequenceModel> = {}): SequenceModel {
  return { schema: 'public', name, increment: undefined, minValue: undefined, maxValue: undefined, startWith: undefined, cache: undefined, cycle: false, ...extra };
}

export function foreignKey(name: string, columns: string[], tableTo: string, columnsTo: string[], extra: Partial<ForeignKeyModel> = {}): ForeignKeyModel {
  return { name, columns, tableTo, schemaTo: 'public', columnsTo, onDelete: 'no action', onUpdate: 'no action', ...extra };
}

export function unique(name: string, columns: string[], nullsNotDistinct = false): UniqueModel {
  return { name, columns, nullsNotDistinct };
}

export function check(name: string, expression: string): CheckModel {
  return { name, expression };
}

/** An index key on a column (`"name"`, quoted as the model stores it) or, with `isExpression`, an expression. */
export function indexColumn(expression: string, extra: Partial<IndexColumnModel> = {}): IndexColumnModel {
  const isExpression = extra.isExpression ?? false;
  return { expression: isExpression ? expression : `"${expression}"`, isExpression, order: 'asc', nulls: 'last', opClass: undefined, ...extra };
}

export function index(name: string, columns: IndexColumnModel[], extra: Partial<IndexModel> = {}): IndexModel {
  return { name, columns, unique: false, where: undefined, method: undefined, concurrently: false, with: undefined, ...extra };
}

export function policy(name: string, extra: Partial<PolicyModel> = {}): PolicyModel {
  return { name, as: 'permissive', for: 'all', to: [], using: undefined, withCheck: undefined, ...extra };
}

export function view(name: string, definition: string | undefined, extra: Partial<ViewModel> = {}): ViewModel {
  return { schema: 'public', name, definition, materialized: false, options: {}, ...extra };
}

export function role(name: string, extra: Partial<RoleModel> = {}): RoleModel {
  return { name, createDb: false, createRole: false, inherit: true, ...extra };
}

/** A snapshot of `dialect` holding `parts` (everything else empty). */
export function snapshot(dialect: KitDialectName, parts: Partial<Pick<Snapshot, 'schemas' | 'enums' | 'sequences' | 'tables' | 'views' | 'roles'>> = {}): Snapshot {
  return { ...emptySnapshot(dialect), ...parts };
}

/** A schema model of `dialect` (no snapshot id) holding `parts`, everything else empty. */
export function schemaModel(dialect: KitDialectName, parts: Partial<SchemaModel> = {}): SchemaModel {
  return { dialect, schemas: [], enums: [], sequences: [], tables: [], views: [], roles: [], ...parts };
}

/** A render context between two snapshots (both empty unless given). */
export function renderContext(dialect: KitDialectName, from: Partial<Snapshot> = {}, to: Partial<Snapshot> = {}): RenderContext {
  return { from: { ...snapshot(dialect), ...from }, to: { ...snapshot(dialect), ...to } };
}
