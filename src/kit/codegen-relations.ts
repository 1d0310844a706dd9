/**
 * `relations.ts` from foreign keys: the key's table gets a `one` relation, the referenced table a
 * `many`; when two keys link the same pair of tables each pair of relations shares a
 * `relationName` (v1) or `alias` (v2) so the ORM can tell them apart.
 */
import { camelCase, jsString, member, objectKey } from './codegen-names.js';
import { tableKey, type ModuleState, type TableSymbol } from './codegen-tables.js';
import type { ForeignKeyModel, SchemaModel } from './model.js';

interface Link {
  fk: ForeignKeyModel;
  from: TableSymbol;
  to: TableSymbol;
  /** Set when another key links the same two tables. */
  name: string | undefined;
  oneKey: string;
  manyKey: string;
}

function links(model: SchemaModel, state: ModuleState): Link[] {
  const out: Link[] = [];
  const pairCount = new Map<string, number>();
  const pair = (a: TableSymbol, b: TableSymbol) => [a.variable, b.variable].sort().join('\0');
  const found: { fk: ForeignKeyModel; from: TableSymbol; to: TableSymbol }[] = [];
  for (const table of model.tables) {
    const from = state.tables.get(tableKey(state, table.schema, table.name))!;
    for (const fk of table.foreignKeys) {
      const to = state.tables.get(tableKey(state, fk.schemaTo, fk.tableTo));
      if (to === undefined) continue;
      found.push({ fk, from, to });
      pairCount.set(pair(from, to), (pairCount.get(pair(from, to)) ?? 0) + 1);
    }
  }
  const used = new Map<TableSymbol, Set<string>>();
  const take = (owner: TableSymbol, wanted: string): string => {
    const set = used.get(owner) ?? new Set<string>(owner.keys.values());
    used.set(owner, set);
    let key = wanted;
    for (let i = 2; set.has(key); i++) key = `${wanted}${i}`;
    set.add(key);
    return key;
  };
  for (const { fk, from, to } of found) {
    const ambiguous = (pairCount.get(pair(from, to)) ?? 0) > 1 || from === to;
    // A single-column key named like `author_id` reads best as `author`.
    const column = fk.columns.length === 1 ? camelCase(fk.columns[0]!) : '';
    const stripped = /.Id$/.test(column) ? column.slice(0, -2) : undefined;
    const oneWanted = stripped ?? (ambiguous && column ? `${column}${capital(to.variable)}` : to.variable);
    const oneKey = take(from, oneWanted);
    const manyKey = take(to, ambiguous ? `${from.variable}By${capital(stripped ?? (column || oneKey))}` : from.variable);
    out.push({ fk, from, to, name: ambiguous ? fk.name : undefined, oneKey, manyKey });
  }
  return out;
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The relations module for a model's foreign keys, importing the tables from `./schema`. */
export function relationsSource(model: SchemaModel, state: ModuleState, version: 'v1' | 'v2'): string {
  const all = links(model, state);
  return version === 'v2' ? v2Source(all) : v1Source(all);
}

function v1Source(all: Link[]): string {
  if (all.length === 0) return '// No foreign keys, so no relations.\nexport {};\n';
  const perTable = new Map<TableSymbol, string[]>();
  const add = (t: TableSymbol, line: string) => perTable.set(t, [...(perTable.get(t) ?? []), line]);
  const helpers = new Map<TableSymbol, Set<'one' | 'many'>>();
  const use = (t: TableSymbol, h: 'one' | 'many') => helpers.set(t, (helpers.get(t) ?? new Set()).add(h));
  for (const l of all) {
    const name = l.name === undefined ? '' : `, relationName: ${jsString(l.name)}`;
    const fields = l.fk.columns.map((c) => member(l.from.variable, l.from.keys.get(c)!)).join(', ');
    const refs = l.fk.columnsTo.map((c) => member(l.to.variable, l.to.keys.get(c)!)).join(', ');
    add(l.from, `  ${objectKey(l.oneKey)}: one(${l.to.variable}, { fields: [${fields}], references: [${refs}]${name} }),`);
    use(l.from, 'one');
    add(l.to, `  ${objectKey(l.manyKey)}: many(${l.from.variable}${l.name === undefined ? '' : `, { relationName: ${jsString(l.name)} }`}),`);
    use(l.to, 'many');
  }
  const tables = new Set([...perTable.keys()].map((t) => t.variable));
  const blocks = [...perTable].map(([t, lines]) => {
    const h = [...(helpers.get(t) ?? [])].sort().join(', ');
    return `export const ${t.variable}Relations = relations(${t.variable}, ({ ${h} }) => ({\n${lines.join('\n')}\n}));`;
  });
  return `import { relations } from 'sluice';\nimport { ${[...tables].sort().join(', ')} } from './schema.js';\n\n${blocks.join('\n\n')}\n`;
}

function v2Source(all: Link[]): string {
  if (all.length === 0) return `import { defineRelations } from 'sluice';\nimport * as schema from './schema.js';\n\nexport const relations = defineRelations(schema);\n`;
  const perTable = new Map<TableSymbol, string[]>();
  const add = (t: TableSymbol, line: string) => perTable.set(t, [...(perTable.get(t) ?? []), line]);
  const ref = (t: TableSymbol, columns: string[]): string => {
    const refs = columns.map((c) => member(member('r', t.variable), t.keys.get(c)!));
    return refs.length === 1 ? refs[0]! : `[${refs.join(', ')}]`;
  };
  for (const l of all) {
    const alias = l.name === undefined ? '' : `, alias: ${jsString(l.name)}`;
    add(l.from, `    ${objectKey(l.oneKey)}: ${member('r.one', l.to.variable)}({ from: ${ref(l.from, l.fk.columns)}, to: ${ref(l.to, l.fk.columnsTo)}${alias} }),`);
    add(l.to, `    ${objectKey(l.manyKey)}: ${member('r.many', l.from.variable)}(${l.name === undefined ? '' : `{ alias: ${jsString(l.name)} }`}),`);
  }
  const blocks = [...perTable].map(([t, lines]) => `  ${objectKey(t.variable)}: {\n${lines.join('\n')}\n  },`);
  return `import { defineRelations } from 'sluice';\nimport * as schema from './schema.js';\n\nexport const relations = defineRelations(schema, (r) => ({\n${blocks.join('\n')}\n}));\n`;
}
