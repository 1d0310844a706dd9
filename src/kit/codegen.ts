/**
 * Schema code generation for `sluice pull`: a model (usually introspected) written back as the
 * TypeScript that declares it. The generator is shared; a dialect adds only its type mapping
 * (`src/dialects/<d>/kit/codegen.ts`). Serializing the generated schema gives the model back.
 */
import { mssqlCodegen } from '../dialects/mssql/kit/codegen.js';
import { cockroachCodegen } from '../dialects/cockroach/kit/codegen.js';
import { mysqlCodegen } from '../dialects/mysql/kit/codegen.js';
import { pgCodegen } from '../dialects/pg/kit/codegen.js';
import { sqliteCodegen } from '../dialects/sqlite/kit/codegen.js';
import { camelCase, jsString, NameAllocator, sqlTemplate, uniqueKeys } from './codegen-names.js';
import { relationsSource } from './codegen-relations.js';
import { tableKey, tableSource, type ModuleState } from './codegen-tables.js';
import type { CodegenDialect } from './codegen-types.js';
import { KitError } from './config-errors.js';
import type { KitCasing } from './dialect.js';
import type { SchemaModel, KitDialectName, TableModel, SequenceOptions } from './model.js';

export interface CodegenOptions {
  dialect: KitDialectName;
  /** How TypeScript keys are made from database names: camelCase (default) or as they are. */
  casing: 'camel' | 'preserve';
  /** Relations as v1 `relations()` (default) or v2 `defineRelations()`. */
  relations: 'v1' | 'v2';
  /** The config's casing, when the ORM derives names from keys. */
  configCasing?: KitCasing | undefined;
}

const dialects: Record<KitDialectName, CodegenDialect> = { postgresql: pgCodegen, mysql: mysqlCodegen, sqlite: sqliteCodegen, mssql: mssqlCodegen, cockroach: cockroachCodegen };

/**
 * `schema.ts` and `relations.ts` source text for a model (what `sluice pull` writes).
 *
 * @example
 * const { schema, relations } = generateSchemaSource(model, { dialect: 'postgresql', casing: 'camel', relations: 'v1' });
 */
export function generateSchemaSource(model: SchemaModel, options: CodegenOptions): { schema: string; relations: string } {
  const dialect = dialects[options.dialect];
  if (dialect === undefined) throw new KitError(`generateSchemaSource: unknown dialect "${String(options.dialect)}"`);
  if (model.dialect !== options.dialect) throw new KitError(`generateSchemaSource: the model is a ${model.dialect} model, not ${options.dialect}`);
  const fns = { schema: 'pgSchema', enum: 'pgEnum', sequence: 'pgSequence', role: 'pgRole', policy: 'pgPolicy', ...dialect.objectFns };
  const names = new NameAllocator();
  names.reserve('sql', 'relations', 'defineRelations', 'schema', 't', 'r', dialect.tableFn, dialect.viewFn, dialect.anyColumnType, 'primaryKey', 'unique', 'foreignKey', 'check', 'index', 'uniqueIndex', ...dialect.reservedNames);
  if (dialect.materializedViewFn) names.reserve(dialect.materializedViewFn);
  const variableOf = (name: string): string => (options.casing === 'camel' ? camelCase(name) : name);
  names.reserve(fns.schema);
  const state: ModuleState = {
    dialect,
    alwaysName: options.configCasing !== undefined,
    coreImports: new Set(),
    dialectImports: new Set(),
    tables: new Map(),
    enums: new Map(),
    schemas: new Map(),
  };
  const blocks: string[] = [];

  for (const schema of [...model.schemas].sort()) {
    const variable = names.take(`${variableOf(schema)}Schema`);
    state.schemas.set(schema, variable);
    state.dialectImports.add(fns.schema);
    blocks.push(`export const ${variable} = ${fns.schema}(${jsString(schema)});`);
  }
  const inSchema = (schema: string | undefined, fn: string, method: string): string => {
    if (schema === undefined || schema === dialect.defaultSchema) {
      state.dialectImports.add(fn);
      return fn;
    }
    const owner = state.schemas.get(schema);
    if (owner !== undefined) return `${owner}.${method}`;
    // An object in a schema the model does not declare (introspecting a subset): declare it here.
    const variable = names.take(`${variableOf(schema)}Schema`);
    state.schemas.set(schema, variable);
    state.dialectImports.add(fns.schema);
    blocks.push(`export const ${variable} = ${fns.schema}(${jsString(schema)});`);
    return `${variable}.${method}`;
  };

  for (const e of model.enums) {
    const variable = names.take(`${variableOf(e.name)}Enum`);
    state.enums.set(`${e.schema ?? ''}\0${e.name}`, variable);
    blocks.push(`export const ${variable} = ${inSchema(e.schema, fns.enum, 'enum')}(${jsString(e.name)}, [${e.values.map(jsString).join(', ')}]);`);
  }
  for (const s of model.sequences) {
    const opts = sequenceOptions(s);
    blocks.push(`export const ${names.take(`${variableOf(s.name)}Sequence`)} = ${inSchema(s.schema, fns.sequence, 'sequence')}(${jsString(s.name)}${opts ? `, ${opts}` : ''});`);
  }
  for (const role of model.roles) {
    const opts = [role.createDb ? 'createDb: true' : '', role.createRole ? 'createRole: true' : '', role.inherit ? '' : 'inherit: false'].filter(Boolean);
    state.dialectImports.add(fns.role);
    blocks.push(`export const ${names.take(`${variableOf(role.name)}Role`)} = ${fns.role}(${jsString(role.name)}${opts.length ? `, { ${opts.join(', ')} }` : ''});`);
  }

  const tables = dependencyOrder(model.tables, state);
  for (const table of tables) {
    const keys = uniqueKeys(
      table.columns.map((c) => c.name),
      (n) => columnKey(options.casing === 'camel' ? camelCase(n) : n),
    );
    state.tables.set(tableKey(state, table.schema, table.name), {
      variable: names.take(variableOf(table.name)),
      keys: new Map(table.columns.map((c, i) => [c.name, keys[i]!])),
    });
  }
  for (const table of tables) {
    if (table.schema !== undefined && table.schema !== dialect.defaultSchema) inSchema(table.schema, dialect.tableFn, 'table');
    blocks.push(tableSource(state, table));
  }

  for (const view of model.views) {
    const variable = names.take(variableOf(view.name));
    if (view.definition === undefined) {
      blocks.push(`// View "${view.name}" exists in the database without a known definition; declare it with .existing() and its columns.`);
      continue;
    }
    const fn = view.materialized ? dialect.materializedViewFn : dialect.viewFn;
    if (fn === undefined) throw new KitError(`View "${view.name}" is materialized, which ${options.dialect} does not have`);
    const call = inSchema(view.schema, fn, view.materialized ? 'materializedView' : 'view');
    state.coreImports.add('sql');
    blocks.push(`export const ${variable} = ${call}(${jsString(view.name)}, {})${dialect.viewOptions(view.options, view.materialized)}.as(${sqlTemplate(view.definition)});`);
  }

  const imports: string[] = [];
  if (state.dialectImports.size) imports.push(importLine([...state.dialectImports], dialect.module, [dialect.anyColumnType]));
  if (state.coreImports.size) imports.push(importLine([...state.coreImports], 'sluice', []));
  const schema = `${imports.join('\n')}${imports.length ? '\n\n' : ''}${blocks.join('\n\n')}\n`;
  return { schema, relations: relationsSource(model, state, options.relations) };
}

/**
 * A column key that keeps the column's place and is an ordinary property: integer-like keys are
 * listed first by JavaScript (which would reorder the columns) and `__proto__` is the prototype.
 */
function columnKey(key: string): string {
  if (/^\d+$/.test(key)) return `_${key}`;
  return key === '__proto__' ? 'proto' : key;
}

function importLine(names: string[], module: string, typeOnly: string[]): string {
  const sorted = [...new Set(names)].sort((a, b) => a.localeCompare(b));
  return `import { ${sorted.map((n) => (typeOnly.includes(n) ? `type ${n}` : n)).join(', ')} } from '${module}';`;
}

function sequenceOptions(s: SequenceOptions): string | undefined {
  const opts: string[] = [];
  for (const key of ['startWith', 'increment', 'minValue', 'maxValue', 'cache'] as const) {
    const v = s[key];
    if (v !== undefined) opts.push(`${key}: ${/^-?\d+$/.test(v) && Number.isSafeInteger(Number(v)) ? v : jsString(v)}`);
  }
  if (s.cycle) opts.push('cycle: true');
  return opts.length ? `{ ${opts.join(', ')} }` : undefined;
}

/** Tables a table references come first where the references allow it (cycles keep their order). */
function dependencyOrder(tables: readonly TableModel[], state: ModuleState): TableModel[] {
  const byKey = new Map(tables.map((t) => [tableKey(state, t.schema, t.name), t]));
  const out: TableModel[] = [];
  const state2 = new Map<TableModel, 'visiting' | 'done'>();
  const visit = (t: TableModel): void => {
    if (state2.has(t)) return;
    state2.set(t, 'visiting');
    for (const fk of t.foreignKeys) {
      const target = byKey.get(tableKey(state, fk.schemaTo, fk.tableTo));
      if (target !== undefined && target !== t) visit(target);
    }
    state2.set(t, 'done');
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}
