/**
 * PostgreSQL introspection: the kit's model of a live database, read with one catalog query per
 * kind of object. Choices the model leaves open (the serializer makes the same ones):
 * - Sequence and identity options equal to PostgreSQL's defaults for the sequence's type and
 *   direction are left undefined, as a schema that does not set them serializes; an option the
 *   schema sets to its default value therefore introspects as unset.
 * - An identity sequence named `<table>_<column>_seq` (PostgreSQL's own name) has no name in the
 *   model; an integer column whose default is `nextval` of a sequence it owns is `serial`.
 * - Roles: every role except PostgreSQL's own (`pg_*`) and the one introspecting; a database
 *   has roles no schema declares, so commands comparing roles keep the ones the schema knows.
 *   A policy granted to `current_user` lists the role that created it.
 * - A view's definition is `pg_get_viewdef`'s text, which is PostgreSQL's rewrite of the query,
 *   not the text the schema renders: compare with a schema's model passed through
 *   `pgViewDefinitionsAsDatabase`. A materialized view's `heap` access method is the default and
 *   is left out.
 * - Whether an index was built `concurrently` is not recorded anywhere, so it reads as false.
 * - The kit's tracking tables are left out wherever they are.
 */
import { SluiceError } from '../../../core/errors.js';
import type { IntrospectOptions } from '../../../kit/dialect.js';
import type {
  ColumnModel,
  EnumModel,
  ForeignKeyModel,
  IdentityModel,
  IndexColumnModel,
  IndexModel,
  PolicyModel,
  ReferentialAction,
  RoleModel,
  SchemaModel,
  SequenceModel,
  SequenceOptions,
  TableModel,
  ViewModel,
} from '../../../kit/model.js';
import type { MigrationSession } from '../../../kit/runner.js';
import { LOCK_TABLE } from '../../../kit/runner-session-pg.js';
import { nextvalSequence, normalizeDefault, normalizeExpression, normalizeType, serialType } from './introspect-normalize.js';
import { viewDefinitionText } from './introspect-views.js';
import { selectSchemas, readCatalog, type CatalogRows, type ColumnRow, type ConstraintRow, type IndexRow, type PolicyRow, type SequenceRow, type ViewRow } from './introspect-queries.js';

export { pgViewDefinitionsAsDatabase } from './introspect-views.js';

// The run lock's table (`cockroachSession`) lives next to the project's tables.
const TRACKING_TABLES = new Set(['__sluice_migrations', '__drizzle_migrations', LOCK_TABLE]);

/**
 * The model of a PostgreSQL database's schemas (`options.schemas`, or every schema but the
 * system ones and the kit's `sluice`/`drizzle`), read with a fixed number of catalog queries.
 *
 * @example
 * const model = await pgIntrospect(pgliteSession(client), { schemas: ['public', 'auth'] });
 */
export async function pgIntrospect(session: MigrationSession, options: IntrospectOptions): Promise<SchemaModel> {
  if (session.dialect !== 'postgresql') throw new SluiceError(`pgIntrospect: the session is a ${session.dialect} session, not a postgresql one`);
  for (const s of options.schemas ?? []) {
    if (typeof s !== 'string' || s === '') throw new SluiceError(`pgIntrospect: options.schemas holds ${JSON.stringify(s)}, not a schema name`);
  }
  // A requested schema the database lacks is simply empty, not a schema the model declares.
  const schemas = await selectSchemas(session, options.schemas);
  const rows = await readCatalog(session, schemas, options.onProgress);
  return pgModelFromCatalog(rows, schemas);
}

/**
 * The model the catalog rows of `schemas` describe. CockroachDB's introspection reads the same
 * catalogs, brings its rows to PostgreSQL's shape and builds its model here too.
 */
export function pgModelFromCatalog(rows: CatalogRows, schemas: readonly string[]): SchemaModel {
  const tables = new Map<number, TableModel>();
  const attnames = new Map<number, Map<number, string>>();
  for (const t of rows.tables) {
    if (TRACKING_TABLES.has(t.name)) continue;
    tables.set(t.oid, { schema: t.schema, name: t.name, columns: [], primaryKey: undefined, foreignKeys: [], uniques: [], checks: [], indexes: [], rlsEnabled: t.rls, policies: [] });
    attnames.set(t.oid, new Map());
  }
  const columnNames = (oid: number): Set<string> => new Set(attnames.get(oid)?.values() ?? []);
  for (const c of rows.columns) attnames.get(c.table_oid)?.set(c.attnum, c.name);

  const owned = new Map<string, SequenceRow>();
  const sequences: SequenceModel[] = [];
  for (const s of rows.sequences) {
    if (s.owner_oid !== null && s.owner_attnum !== null && (s.owned_as === 'i' || s.owned_as === 'a')) {
      owned.set(`${s.owner_oid}.${s.owner_attnum}`, s);
      // A serial's sequence and an identity's belong to their column; other owned sequences (OWNED BY) stay standalone.
      if (s.owned_as === 'i') continue;
    }
    sequences.push({ schema: s.schema, name: s.name, ...sequenceOptions(s) });
  }

  const serialSequences = new Set<string>();
  for (const c of rows.columns) {
    const table = tables.get(c.table_oid);
    if (!table) continue;
    const column = columnModel(c, table, owned.get(`${c.table_oid}.${c.attnum}`), columnNames(c.table_oid));
    if (column.serialSequence !== undefined) serialSequences.add(`${table.schema}.${column.serialSequence}`);
    table.columns.push(column.model);
  }

  for (const con of rows.constraints) {
    const table = tables.get(con.table_oid);
    if (table) addConstraint(table, con, attnames.get(con.table_oid)!);
  }
  for (const index of rows.indexes) {
    const table = tables.get(index.table_oid);
    if (table) table.indexes.push(indexModel(index, attnames.get(index.table_oid)!, columnNames(index.table_oid)));
  }
  for (const p of rows.policies) {
    const table = tables.get(p.table_oid);
    if (table) table.policies.push(policyModel(p, columnNames(p.table_oid)));
  }

  const enums: EnumModel[] = rows.enums.map((e) => ({ schema: e.schema, name: e.name, values: e.values }));
  const roles: RoleModel[] = rows.roles.map((r) => ({ name: r.name, createDb: r.create_db, createRole: r.create_role, inherit: r.inherit }));
  return {
    dialect: 'postgresql',
    schemas: schemas.filter((s) => s !== 'public'),
    enums,
    sequences: sequences.filter((s) => !serialSequences.has(`${s.schema}.${s.name}`)),
    tables: [...tables.values()],
    views: rows.views.map(viewModel),
    roles,
  };
}

const typeRange: Record<string, [string, string]> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

/** Options as the model keeps them: undefined where PostgreSQL's default for the type and direction applies. */
function sequenceOptions(s: Pick<SequenceRow, 'type' | 'increment' | 'min_value' | 'max_value' | 'start' | 'cache' | 'cycle'>): SequenceOptions {
  const [low, high] = typeRange[s.type] ?? typeRange.bigint!;
  const ascending = !s.increment.startsWith('-');
  const defaultMin = ascending ? '1' : low;
  const defaultMax = ascending ? high : '-1';
  return {
    increment: s.increment === '1' ? undefined : s.increment,
    minValue: s.min_value === defaultMin ? undefined : s.min_value,
    maxValue: s.max_value === defaultMax ? undefined : s.max_value,
    startWith: s.start === (ascending ? s.min_value : s.max_value) ? undefined : s.start,
    cache: s.cache === '1' ? undefined : s.cache,
    cycle: s.cycle,
  };
}

function columnModel(c: ColumnRow, table: TableModel, sequence: SequenceRow | undefined, columns: ReadonlySet<string>): { model: ColumnModel; serialSequence: string | undefined } {
  const isEnum = c.base_typtype === 'e';
  const dims = '[]'.repeat(Math.max(c.array_dims, c.type.endsWith('[]') ? 1 : 0));
  // format_type prints one `[]` whatever the declared dimensions.
  let type = isEnum ? `${c.base_type_name}${dims}` : `${normalizeType(c.type)}${c.array_dims > 1 ? '[]'.repeat(c.array_dims - 1) : ''}`;
  let defaultText = c.default_expr ?? undefined;
  let serialSequence: string | undefined;
  if (defaultText !== undefined && sequence?.owned_as === 'a' && serialType(type) !== undefined && nextvalSequence(defaultText) === sequence.name) {
    type = serialType(type)!;
    defaultText = undefined;
    serialSequence = sequence.name;
  }
  const generated = c.generated === 's' && defaultText !== undefined ? { as: normalizeExpression(defaultText, columns), type: 'stored' as const } : undefined;
  let identity: IdentityModel | undefined;
  if ((c.identity === 'a' || c.identity === 'd') && sequence !== undefined) {
    identity = {
      type: c.identity === 'a' ? 'always' : 'byDefault',
      name: sequence.name === `${table.name}_${c.name}_seq` ? undefined : sequence.name,
      ...sequenceOptions(sequence),
    };
  }
  return {
    model: {
      name: c.name,
      type,
      typeSchema: isEnum ? c.base_type_schema : undefined,
      notNull: c.not_null,
      default: generated || defaultText === undefined ? undefined : normalizeDefault(defaultText, type, columns),
      generated,
      identity,
      autoincrement: false,
      onUpdate: undefined,
    },
    serialSequence,
  };
}

const actions: Record<string, ReferentialAction> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

function addConstraint(table: TableModel, con: ConstraintRow, names: ReadonlyMap<number, string>): void {
  const columns = (con.columns ?? []).map((n) => names.get(n) ?? `#${n}`);
  switch (con.type) {
    case 'p':
      table.primaryKey = { name: con.name, columns };
      break;
    case 'u':
      table.uniques.push({ name: con.name, columns, nullsNotDistinct: con.nulls_not_distinct });
      break;
    case 'c': {
      // `CHECK ((expr))`, possibly followed by `NOT VALID`.
      const body = /^CHECK \((.*)\)( NOT VALID)?$/s.exec(con.definition)?.[1] ?? con.definition;
      table.checks.push({ name: con.name, expression: normalizeExpression(body, new Set(names.values())) });
      break;
    }
    case 'f': {
      const fk: ForeignKeyModel = {
        name: con.name,
        columns,
        tableTo: con.ref_table ?? '',
        schemaTo: con.ref_schema ?? undefined,
        columnsTo: con.ref_columns ?? [],
        onDelete: actions[con.on_delete] ?? 'no action',
        onUpdate: actions[con.on_update] ?? 'no action',
      };
      table.foreignKeys.push(fk);
      break;
    }
  }
}

function indexModel(index: IndexRow, names: ReadonlyMap<number, string>, columns: ReadonlySet<string>): IndexModel {
  const keys: IndexColumnModel[] = (index.keys ?? []).map((k) => {
    const desc = (k.option & 1) !== 0;
    const nullsFirst = (k.option & 2) !== 0;
    const isExpression = k.attnum === 0;
    return {
      expression: isExpression ? normalizeExpression(k.text, columns) : `"${(names.get(k.attnum) ?? k.text).replace(/"/g, '""')}"`,
      isExpression,
      order: desc ? 'desc' : 'asc',
      nulls: nullsFirst ? 'first' : 'last',
      opClass: k.opdefault ? undefined : k.opclass,
    };
  });
  return {
    name: index.name,
    columns: keys,
    unique: index.unique,
    where: index.predicate === null ? undefined : normalizeExpression(index.predicate, columns),
    method: index.method,
    // Whether an index was built concurrently is not recorded.
    concurrently: false,
    with: index.options === null ? undefined : Object.fromEntries(index.options.map(splitOption)),
  };
}

function splitOption(option: string): [string, string] {
  const at = option.indexOf('=');
  return at < 0 ? [option, 'true'] : [option.slice(0, at), option.slice(at + 1)];
}

const commands: Record<string, PolicyModel['for']> = { r: 'select', a: 'insert', w: 'update', d: 'delete', '*': 'all' };

function policyModel(p: PolicyRow, columns: ReadonlySet<string>): PolicyModel {
  return {
    name: p.name,
    as: p.permissive ? 'permissive' : 'restrictive',
    for: commands[p.command] ?? 'all',
    to: [...p.roles].sort(),
    using: p.using_expr === null ? undefined : normalizeExpression(p.using_expr, columns),
    withCheck: p.check_expr === null ? undefined : normalizeExpression(p.check_expr, columns),
  };
}

function viewModel(v: ViewRow): ViewModel {
  const options: Record<string, string | boolean> = {};
  for (const option of v.options ?? []) {
    const [key, value] = splitOption(option);
    options[`with.${key}`] = value === 'true' ? true : value === 'false' ? false : value;
  }
  if (v.materialized) {
    if (v.method !== null && v.method !== 'heap') options.using = v.method;
    if (v.tablespace !== null) options.tablespace = v.tablespace;
    if (!v.populated) options.withNoData = true;
  }
  return { schema: v.schema, name: v.name, definition: viewDefinitionText(v.definition), materialized: v.materialized, options };
}
