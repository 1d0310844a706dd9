import { Column } from './column.js';
import { SchemaError } from './errors.js';
import { Name, SQL, type DriverValueDecoder } from './sql.js';
import type { SelectConfig } from './select.js';
import { innerSelection, Subquery } from './subquery.js';
import { Table, TableMeta } from './table.js';

/** One output column of a query: where it goes in the result object and what produces it. */
export interface SelectedField {
  path: string[];
  field: Column | SQL | SQL.Aliased;
}

/**
 * Flattens a selection object (`{ id: users.id, author: { name: users.name } }`) into ordered
 * fields. Tables and subqueries inside a selection expand into their columns.
 */
export function flattenSelection(selection: Record<string, unknown>, out: SelectedField[] = [], prefix: string[] = []): SelectedField[] {
  for (const key in selection) {
    const value = selection[key];
    const path = prefix.length === 0 ? [key] : [...prefix, key];
    if (value instanceof Column || value instanceof SQL || value instanceof SQL.Aliased) {
      out.push({ path, field: value });
    } else if (value instanceof Subquery) {
      out.push({ path, field: scalarSubquery(value, path) });
    } else if (value instanceof Table) {
      flattenSelection(value[TableMeta].columns, out, path);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const getSQL = (value as { getSQL?: unknown }).getSQL;
      if (typeof getSQL === 'function') out.push({ path, field: (value as { getSQL(): SQL }).getSQL() });
      else flattenSelection(value as Record<string, unknown>, out, path);
    } else {
      throw new SchemaError(`Selection field "${path.join('.')}" is not a column, an SQL expression or an object of them`);
    }
  }
  return out;
}

/**
 * A subquery placed in a selection (`{ total: db.select({ n: count() }).from(t).as('total') }`)
 * yields one value per row: `(select ...)`, decoded like its single field.
 */
function scalarSubquery(sq: Subquery, path: string[]): SQL {
  const inner = flattenSelection(innerSelection(sq));
  if (inner.length !== 1) {
    throw new SchemaError(`Selection field "${path.join('.')}": subquery "${sq[TableMeta].alias}" must select exactly one field to be used as a value, but it selects ${inner.length}`);
  }
  const out = new SQL([sq.query]);
  out.decoder = fieldDecoder(inner[0]!.field);
  return out;
}

/**
 * The names a select's output columns get when the select is a subquery, a CTE or a view: a
 * column keeps its own name (as the database would name it), an aliased expression its alias,
 * and a plain expression its path in the selection (`a_b`). A column whose name an earlier
 * output column already took is renamed by its path, so that every output name is unique.
 * Returns, per field, the alias to write (`as "..."`), or undefined where none is needed.
 */
export function outputAliases(fields: SelectedField[]): (string | undefined)[] {
  const taken = new Set<string>();
  return fields.map(({ field, path }) => {
    let alias: string | undefined;
    if (field instanceof Column) {
      if (taken.has(field.name)) {
        alias = path.join('_');
        for (let n = 2; taken.has(alias); n++) alias = `${path.join('_')}_${n}`;
      }
      taken.add(alias ?? field.name);
    } else {
      alias = field instanceof SQL.Aliased ? field.fieldAlias : path.join('_');
      taken.add(alias);
    }
    return alias;
  });
}

/**
 * The selection as an `orderBy` callback sees it: an aliased expression stands for its output
 * name (`order by "total"`), as in Drizzle, instead of being computed again.
 */
export function byAlias(selection: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key in selection) {
    const v = selection[key];
    if (v instanceof SQL.Aliased) {
      const ref = new SQL([new Name(v.fieldAlias)]);
      ref.decoder = v.sql.decoder;
      (out ??= { ...selection })[key] = ref;
    }
  }
  return out ?? selection;
}

/**
 * Every column a selection names must come from the FROM item or a join, or the database would
 * see a reference it cannot resolve (or, unqualified, silently read another table's column).
 * A FROM item or join given as raw SQL may hold any table, so nothing is checked then.
 */
export function checkFieldSources(c: SelectConfig, fields: SelectedField[]): void {
  const from = c.from;
  if (!(from instanceof Table)) return;
  for (const { field, path } of fields) {
    // Almost always the column's table is the FROM item or a join itself; names are compared
    // only when it is not (another object declaring the same table).
    if (!(field instanceof Column) || field.table === from || c.joins.some((j) => j.table === field.table)) continue;
    const refs = [from[TableMeta].alias ?? from[TableMeta].name];
    for (const j of c.joins) {
      if (!(j.table instanceof Table)) return;
      refs.push(j.table[TableMeta].alias ?? j.table[TableMeta].name);
    }
    const ref = fieldTableRef(field)!;
    if (!refs.includes(ref)) {
      throw new SchemaError(`Selection field "${path.join('.')}" is the column "${ref}"."${field.name}", but the table "${ref}" is not part of the query (from ${refs.map((t) => `"${t}"`).join(', ')}); join it first`);
    }
  }
}

/** The decoder of a selected field, or undefined when its values pass through unchanged. */
export function fieldDecoder(field: Column | SQL | SQL.Aliased): DriverValueDecoder | undefined {
  if (field instanceof Column) return field.decodes ? field : undefined;
  const s = field instanceof SQL.Aliased ? field.sql : field;
  return s.decoder;
}

/** The table a column field belongs to (its reference name), for outer-join nullability. */
export function fieldTableRef(field: Column | SQL | SQL.Aliased): string | undefined {
  if (!(field instanceof Column)) return undefined;
  const meta = field.table[TableMeta];
  return meta.alias ?? meta.name;
}

export type RowMapper = (row: unknown[], decoders: (DriverValueDecoder | undefined)[]) => Record<string, unknown>;

/** A compiled mapper with the decoders it needs, ready for each row. */
export interface PreparedMapper {
  fn: RowMapper;
  decoders: (DriverValueDecoder | undefined)[];
}

const layoutCache = new Map<string, RowMapper>();
let canCompile = true;

/**
 * Returns a row mapper for fields, compiled once per layout (paths, decoder presence, nullable
 * groups) and cached; an interpreter is used where code generation is not allowed.
 */
export function prepareMapper(fields: SelectedField[], nullableTables: ReadonlySet<string> | undefined): PreparedMapper {
  const decoders = fields.map((f) => fieldDecoder(f.field));
  let key = '';
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    key += `${f.path.join('\u0001')}${decoders[i] ? '\u0002d' : ''}\u0003`;
    if (nullableTables) {
      const ref = fieldTableRef(f.field);
      key += `${ref !== undefined && nullableTables.has(ref) ? `n${ref}` : ''}\u0004`;
    }
  }
  let fn = layoutCache.get(key);
  if (!fn) {
    fn = compileMapper(fields, decoders, nullableTables);
    if (layoutCache.size > 2000) layoutCache.clear();
    layoutCache.set(key, fn);
  }
  return { fn, decoders };
}

interface Node {
  kind: 'obj';
  children: Map<string, Node | number>;
}

function buildTree(fields: SelectedField[]): Node {
  const root: Node = { kind: 'obj', children: new Map() };
  fields.forEach((f, i) => {
    let node = root;
    for (let p = 0; p < f.path.length - 1; p++) {
      const seg = f.path[p]!;
      let next = node.children.get(seg);
      if (next === undefined || typeof next === 'number') {
        next = { kind: 'obj', children: new Map() };
        node.children.set(seg, next);
      }
      node = next;
    }
    node.children.set(f.path[f.path.length - 1]!, i);
  });
  return root;
}

function leaves(node: Node, out: number[] = []): number[] {
  for (const c of node.children.values()) {
    if (typeof c === 'number') out.push(c);
    else leaves(c, out);
  }
  return out;
}

function compileMapper(fields: SelectedField[], decoders: (DriverValueDecoder | undefined)[], nullableTables: ReadonlySet<string> | undefined): RowMapper {
  const tree = buildTree(fields);
  // An object of the selection comes back as null when its columns all come from one outer-joined
  // table and are all null (expressions in it do not count), as Drizzle's row mapping does.
  const nullGroup = (node: Node): number[] | undefined => {
    if (nullableTables === undefined) return undefined;
    let ref: string | undefined;
    const cols: number[] = [];
    for (const i of leaves(node)) {
      const r = fieldTableRef(fields[i]!.field);
      if (r === undefined) continue;
      if (ref !== undefined && r !== ref) return undefined;
      ref = r;
      cols.push(i);
    }
    return ref !== undefined && nullableTables.has(ref) ? cols : undefined;
  };
  const value = (i: number) => (decoders[i] ? `((v = r[${i}]) === null || v === undefined ? null : d[${i}].mapFromDriverValue(v))` : `r[${i}]`);
  if (canCompile) {
    try {
      let pre = '';
      let counter = 0;
      const emit = (node: Node, depth: number): string => {
        const parts: string[] = [];
        for (const [k, c] of node.children) {
          parts.push(`${JSON.stringify(k)}: ${typeof c === 'number' ? value(c) : emit(c, depth + 1)}`);
        }
        const literal = `{ ${parts.join(', ')} }`;
        if (depth === 0) return literal;
        const idx = nullGroup(node);
        if (idx === undefined) return literal;
        const name = `o${counter++}`;
        pre += `var ${name} = ${idx.map((i) => `r[${i}] === null`).join(' && ')} ? null : ${literal};\n`;
        return name;
      };
      const body = emit(tree, 0);
      return new Function('r', 'd', `var v;\n${pre}return ${body};`) as RowMapper;
    } catch {
      canCompile = false;
    }
  }
  return (row, d) => interpret(tree, row, d, 0, nullGroup);
}

function interpret(node: Node, row: unknown[], d: (DriverValueDecoder | undefined)[], depth: number, nullGroup: (node: Node) => number[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, c] of node.children) {
    if (typeof c === 'number') {
      const v = row[c];
      const dec = d[c];
      out[k] = dec && v !== null && v !== undefined ? dec.mapFromDriverValue(v) : v;
    } else {
      const idx = nullGroup(c);
      if (idx?.every((i) => row[i] === null)) out[k] = null;
      else out[k] = interpret(c, row, d, depth + 1, nullGroup);
    }
  }
  return out;
}
