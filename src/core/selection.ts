import { Column } from './column.js';
import { SchemaError } from './errors.js';
import { SQL, type DriverValueDecoder } from './sql.js';
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
    key += f.path.join('\u0001') + (decoders[i] ? '\u0002d' : '') + '\u0003';
    if (nullableTables) key += (nullableTables.has(fieldTableRef(f.field) ?? '') ? 'n' : '') + '\u0004';
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

function compileMapper(
  fields: SelectedField[],
  decoders: (DriverValueDecoder | undefined)[],
  nullableTables: ReadonlySet<string> | undefined,
): RowMapper {
  const tree = buildTree(fields);
  const isNullable = (i: number) => nullableTables !== undefined && nullableTables.has(fieldTableRef(fields[i]!.field) ?? '\u0000');
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
        const idx = leaves(node);
        if (idx.length === 0 || !idx.every(isNullable)) return literal;
        const name = `o${counter++}`;
        pre += `var ${name} = ${idx.map((i) => `r[${i}] === null`).join(' && ')} ? null : ${literal};\n`;
        return name;
      };
      const body = emit(tree, 0);
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      return new Function('r', 'd', `var v;\n${pre}return ${body};`) as RowMapper;
    } catch {
      canCompile = false;
    }
  }
  return (row, d) => interpret(tree, row, d, 0, isNullable);
}

function interpret(
  node: Node,
  row: unknown[],
  d: (DriverValueDecoder | undefined)[],
  depth: number,
  isNullable: (i: number) => boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, c] of node.children) {
    if (typeof c === 'number') {
      const v = row[c];
      const dec = d[c];
      out[k] = dec && v !== null && v !== undefined ? dec.mapFromDriverValue(v) : v;
    } else {
      const idx = leaves(c);
      if (idx.length > 0 && idx.every(isNullable) && idx.every((i) => row[i] === null)) out[k] = null;
      else out[k] = interpret(c, row, d, depth + 1, isNullable);
    }
  }
  return out;
}
