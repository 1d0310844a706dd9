/** Writes tables: columns with their modifiers, then the constraints and indexes of the extras callback. */
import { KitError } from './config-errors.js';
import { jsString, member, objectKey, sqlTemplate } from './codegen-names.js';
import type { CodegenDialect, ColumnCode } from './codegen-types.js';
import type { ColumnModel, ForeignKeyModel, IndexColumnModel, IndexModel, PolicyModel, ReferentialAction, TableModel } from './model.js';

/** A table's variable and its columns' keys, which other tables' references use. */
export interface TableSymbol {
  variable: string;
  keys: Map<string, string>;
}

/** The generator's state for one `schema.ts`: the dialect, imports and variables. */
export interface ModuleState {
  dialect: CodegenDialect;
  /** Pass the database name to every builder (the key alone would be re-cased). */
  alwaysName: boolean;
  coreImports: Set<string>;
  dialectImports: Set<string>;
  tables: Map<string, TableSymbol>;
  enums: Map<string, string>;
  schemas: Map<string, string>;
}

/** `schema.name` for a lookup; PostgreSQL's default schema and no schema key the same way. */
export function tableKey(state: ModuleState, schema: string | undefined, name: string): string {
  return `${schema ?? state.dialect.defaultSchema ?? ''}\0${name}`;
}

const quoted = /^(["`])((?:[^"`]|""|``)*)\1$/;
// SQL Server's `[name]`, with `]` doubled inside.
const bracketed = /^\[((?:[^\]]|\]\])*)\]$/;

function columnOfExpression(expression: string): string | undefined {
  const b = bracketed.exec(expression);
  if (b) return b[1]!.replace(/\]\]/g, ']');
  const m = quoted.exec(expression);
  return m ? m[2]!.replace(m[1] === '"' ? /""/g : /``/g, m[1]!) : undefined;
}

/** The source of one table declaration. */
export function tableSource(state: ModuleState, table: TableModel): string {
  const { dialect } = state;
  const symbol = state.tables.get(tableKey(state, table.schema, table.name))!;
  const key = (column: string): string => {
    const k = symbol.keys.get(column);
    if (k === undefined) throw new KitError(`Table "${table.name}": a constraint or index names column "${column}", which the table does not have`);
    return k;
  };
  const pk = table.primaryKey;
  const inlinePk = pk !== undefined && pk.columns.length === 1 && pk.name === dialect.defaultPrimaryKeyName(table, true) ? pk.columns[0] : undefined;
  const inlineUniques = new Set<string>();
  for (const u of table.uniques) {
    if (u.columns.length === 1 && !u.nullsNotDistinct && u.name === `${table.name}_${u.columns[0]}_unique`) inlineUniques.add(u.name);
  }
  const inlineFks = new Set<ForeignKeyModel>();
  for (const fk of table.foreignKeys) {
    if (fk.columns.length === 1 && fk.name === `${table.name}_${fk.columns[0]}_${fk.tableTo}_${fk.columnsTo[0]}_fk`) inlineFks.add(fk);
  }

  const columnLines = table.columns.map((column) => {
    const uniques = table.uniques.filter((u) => inlineUniques.has(u.name) && u.columns[0] === column.name);
    const fks = table.foreignKeys.filter((fk) => inlineFks.has(fk) && fk.columns[0] === column.name);
    return `  ${objectKey(key(column.name))}: ${columnSource(state, table, column, column.name === inlinePk, uniques.length > 0, fks)},`;
  });

  const extras: string[] = [];
  if (pk !== undefined && inlinePk === undefined) {
    state.dialectImports.add('primaryKey');
    const named = pk.name === dialect.defaultPrimaryKeyName(table, false) ? '' : `name: ${jsString(pk.name)}, `;
    extras.push(`primaryKey({ ${named}columns: [${pk.columns.map((c) => member('t', key(c))).join(', ')}] })`);
  }
  for (const u of table.uniques) {
    if (inlineUniques.has(u.name)) continue;
    state.dialectImports.add('unique');
    extras.push(`unique(${jsString(u.name)}).on(${u.columns.map((c) => member('t', key(c))).join(', ')})${u.nullsNotDistinct ? '.nullsNotDistinct()' : ''}`);
  }
  for (const fk of table.foreignKeys) {
    if (inlineFks.has(fk)) continue;
    state.dialectImports.add('foreignKey');
    const target = targetOf(state, table, fk);
    const foreign = fk.columnsTo.map((c) => member(target.variable === symbol.variable ? 't' : target.variable, targetKey(target, fk, c)));
    extras.push(`foreignKey({ name: ${jsString(fk.name)}, columns: [${fk.columns.map((c) => member('t', key(c))).join(', ')}], foreignColumns: [${foreign.join(', ')}] })${actionCalls(fk)}`);
  }
  for (const c of table.checks) {
    state.dialectImports.add('check');
    state.coreImports.add('sql');
    extras.push(`check(${jsString(c.name)}, ${sqlTemplate(c.expression)})`);
  }
  for (const index of table.indexes) extras.push(indexSource(state, index, key));
  for (const policy of table.policies) extras.push(policySource(state, policy));

  const fn = table.schema !== undefined && table.schema !== dialect.defaultSchema ? `${state.schemas.get(table.schema)!}.table` : dialect.tableFn;
  if (fn === dialect.tableFn) state.dialectImports.add(dialect.tableFn);
  const extrasText = extras.length ? `, (t) => [\n${extras.map((e) => `  ${e},`).join('\n')}\n]` : '';
  // Policies turn row-level security on by themselves; only a table without them needs the call.
  const rls = table.rlsEnabled && table.policies.length === 0 ? '.enableRLS()' : '';
  return `export const ${symbol.variable} = ${fn}(${jsString(table.name)}, {\n${columnLines.join('\n')}\n}${extrasText})${rls};`;
}

function columnSource(state: ModuleState, table: TableModel, column: ColumnModel, inlinePk: boolean, unique: boolean, fks: ForeignKeyModel[]): string {
  const { dialect } = state;
  const code: ColumnCode = dialect.column(column, { table, enumVariable: (e) => state.enums.get(`${e.schema ?? ''}\0${e.name}`) });
  for (const i of code.imports) state.dialectImports.add(i);
  const symbol = state.tables.get(tableKey(state, table.schema, table.name))!;
  const key = symbol.keys.get(column.name)!;
  const args: string[] = [];
  if (state.alwaysName || key !== column.name) args.push(jsString(column.name));
  if (code.config !== undefined) args.push(code.config);
  let out = `${code.fn}(${args.join(', ')})${code.suffix}`;
  if (inlinePk) out += dialect.primaryKeyCall(column);
  const impliedNotNull = inlinePk || code.impliesNotNull || column.identity !== undefined;
  if (column.notNull && !impliedNotNull) out += '.notNull()';
  if (column.default !== undefined) {
    const call = dialect.defaultCall(column, code);
    if (call !== undefined) out += call;
    else {
      state.coreImports.add('sql');
      out += `.default(${sqlTemplate(column.default)})`;
    }
  }
  if (column.generated !== undefined) {
    state.coreImports.add('sql');
    const mode = dialect.generatedMode(column.generated.type);
    out += `.generatedAlwaysAs(${sqlTemplate(column.generated.as)}${mode ? `, { mode: '${mode}' }` : ''})`;
  }
  for (const extra of dialect.extras(column, code, inlinePk)) out += extra;
  if (unique) out += '.unique()';
  for (const fk of fks) {
    const target = targetOf(state, table, fk);
    state.dialectImports.add(dialect.anyColumnType);
    const actions = [fk.onDelete !== 'no action' ? `onDelete: '${fk.onDelete}'` : '', fk.onUpdate !== 'no action' ? `onUpdate: '${fk.onUpdate}'` : ''].filter(Boolean);
    out += `.references((): ${dialect.anyColumnType} => ${member(target.variable, targetKey(target, fk, fk.columnsTo[0]!))}${actions.length ? `, { ${actions.join(', ')} }` : ''})`;
  }
  return out;
}

function targetOf(state: ModuleState, table: TableModel, fk: ForeignKeyModel): TableSymbol {
  const target = state.tables.get(tableKey(state, fk.schemaTo, fk.tableTo));
  if (target === undefined) {
    throw new KitError(`Foreign key "${fk.name}" of table "${table.name}" references table "${fk.schemaTo ? `${fk.schemaTo}.` : ''}${fk.tableTo}", which is not in the schema being generated`);
  }
  return target;
}

function targetKey(target: TableSymbol, fk: ForeignKeyModel, column: string): string {
  const k = target.keys.get(column);
  if (k === undefined) throw new KitError(`Foreign key "${fk.name}" references column "${fk.tableTo}.${column}", which that table does not have`);
  return k;
}

function actionCalls(fk: { onDelete: ReferentialAction; onUpdate: ReferentialAction }): string {
  return `${fk.onDelete !== 'no action' ? `.onDelete('${fk.onDelete}')` : ''}${fk.onUpdate !== 'no action' ? `.onUpdate('${fk.onUpdate}')` : ''}`;
}

function indexColumnSource(state: ModuleState, c: IndexColumnModel, key: (column: string) => string): string {
  if (c.isExpression) {
    state.coreImports.add('sql');
    return sqlTemplate(c.expression);
  }
  const column = columnOfExpression(c.expression);
  if (column === undefined) throw new KitError(`Index column ${c.expression} is neither a quoted column name nor marked as an expression`);
  let out = member('t', key(column));
  if (c.order === 'desc') out += '.desc()';
  if (c.nulls === 'first') out += '.nullsFirst()';
  if (c.opClass !== undefined) out += `.op(${jsString(c.opClass)})`;
  return out;
}

function indexSource(state: ModuleState, index: IndexModel, key: (column: string) => string): string {
  const fn = index.unique ? 'uniqueIndex' : 'index';
  state.dialectImports.add(fn);
  const columns = index.columns.map((c) => indexColumnSource(state, c, key)).join(', ');
  const defaultMethod = state.dialect.defaultSchema === undefined ? undefined : 'btree';
  let out = `${fn}(${jsString(index.name)})`;
  out += index.method !== undefined && index.method !== defaultMethod ? `.using(${jsString(index.method)}, ${columns})` : `.on(${columns})`;
  if (index.concurrently) out += '.concurrently()';
  if (index.with !== undefined)
    out += `.with({ ${Object.entries(index.with)
      .map(([k, v]) => `${objectKey(k)}: ${jsString(v)}`)
      .join(', ')} })`;
  if (index.where !== undefined) {
    state.coreImports.add('sql');
    out += `.where(${sqlTemplate(index.where)})`;
  }
  return out;
}

function policySource(state: ModuleState, p: PolicyModel): string {
  const fn = state.dialect.objectFns?.policy ?? 'pgPolicy';
  state.dialectImports.add(fn);
  const opts: string[] = [];
  if (p.as !== 'permissive') opts.push(`as: '${p.as}'`);
  if (p.for !== 'all') opts.push(`for: '${p.for}'`);
  if (!(p.to.length === 1 && p.to[0] === 'public')) opts.push(`to: [${p.to.map(jsString).join(', ')}]`);
  if (p.using !== undefined) opts.push(`using: ${sqlTemplate(p.using)}`);
  if (p.withCheck !== undefined) opts.push(`withCheck: ${sqlTemplate(p.withCheck)}`);
  if (p.using !== undefined || p.withCheck !== undefined) state.coreImports.add('sql');
  return `${fn}(${jsString(p.name)}${opts.length ? `, { ${opts.join(', ')} }` : ''})`;
}
