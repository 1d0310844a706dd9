import { Column, type AnyColumn } from './column.js';
import { entityKind } from './entity.js';
import { SchemaError } from './errors.js';
import type { RenderableQuery } from './render.js';
import type { SelectResultFields } from './select-types.js';
import { flattenSelection, outputAliases } from './selection.js';
import { Name, SQL, StringChunk } from './sql.js';
import { cloneColumnFor, Table, TableMeta } from './table.js';

/** A select used as a table: `db.select(...).from(...).as('sq')`, or a CTE from `db.$with()`. */
export class Subquery<TAlias extends string = string, TSelection = Record<string, unknown>> extends Table {
  static override readonly [entityKind]: string = 'Subquery';
  declare readonly _: { name: TAlias; schema: undefined; columns: never; dialect: string } & { selection: TSelection };

  constructor(
    readonly query: RenderableQuery,
    alias: string,
    selection: Record<string, unknown>,
    readonly isCte: boolean,
  ) {
    super(alias, undefined, '');
    innerSelections.set(this, selection);
    const meta = this[TableMeta];
    meta.alias = alias;
    meta.isSubquery = true;
    const fields = refFields(this, selection, `${isCte ? 'CTE' : 'subquery'} "${alias}"`);
    setFields(this, fields);
    for (const key of Object.keys(fields)) Object.defineProperty(this, key, Object.getOwnPropertyDescriptor(fields, key)!);
  }
}

// Kept beside the subquery rather than on it: its own properties are the fields it exposes.
const innerSelections = new WeakMap<object, Record<string, unknown>>();

/** The selection of a subquery's inner query, as that query selects it. */
export function innerSelection(sq: Subquery): Record<string, unknown> {
  return innerSelections.get(sq)!;
}

/**
 * Stores the fields of a table-like (subquery, CTE, view) where a table keeps its columns. Besides
 * re-pointed columns they may be SQL expressions and nested objects; the code that reads the
 * columns of a table-like (selection, renaming, joins) checks `isSubquery` / `isView` and handles
 * those, so the map is typed as a table's only here.
 */
export function setFields(tableLike: Table, fields: Record<string, unknown>): void {
  tableLike[TableMeta].columns = fields as Record<string, AnyColumn>;
}

/**
 * Re-points a selection at a table-like that exposes it (subquery, CTE, view): columns become
 * `"sq"."column_name"` and expressions `"sq"."alias"`, decoded as before; the names are the ones
 * `outputAliases` gives the inner select's output columns. `strict` names the subquery when a
 * plain expression (without `.as()`) may not be referenced from outside, as in Drizzle: using
 * one then throws.
 */
export function refFields(sq: Table, selection: Record<string, unknown>, strict?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = flattenSelection(selection);
  const aliases = outputAliases(fields);
  fields.forEach(({ field, path }, i) => {
    let node = out;
    for (let p = 0; p < path.length - 1; p++) node = (node[path[p]!] ??= {}) as Record<string, unknown>;
    const key = path[path.length - 1]!;
    const alias = aliases[i];
    if (field instanceof Column) {
      const c = cloneColumnFor(field, sq);
      if (alias !== undefined) {
        Object.defineProperty(c, 'name', { value: alias, enumerable: true });
        Object.defineProperty(c, 'keyAsName', { value: false, enumerable: true });
      }
      node[key] = c;
    } else if (strict !== undefined && !(field instanceof SQL.Aliased)) {
      Object.defineProperty(node, key, {
        enumerable: true,
        get() {
          throw new SchemaError(`Field "${path.join('.')}" of ${strict} is an SQL expression without an alias; name it with .as('${key}') to reference it from outside`);
        },
      });
    } else {
      const inner = field instanceof SQL ? field : field.sql;
      const ref = new SQL([sq, new StringChunk('.'), new Name(alias!)]);
      ref.decoder = inner.decoder;
      node[key] = ref;
    }
  });
  return out;
}

/** The fields a subquery exposes to the outer query, typed like the inner selection. */
export type SubqueryWithSelection<TSelection, TAlias extends string> = Omit<Subquery<TAlias, TSelection>, '_'> &
  RetargetSelection<TSelection, TAlias> & {
    readonly _: { name: TAlias; schema: undefined; columns: RetargetSelection<TSelection, TAlias>; dialect: string; selection: TSelection };
    readonly $inferSelect: SelectResultFields<TSelection, Record<string, never>>;
  };

type RetargetSelection<TSelection, TAlias extends string> = {
  [K in keyof TSelection]: TSelection[K] extends Column
    ? Column<Omit<TSelection[K]['_'], 'tableName'> & { tableName: TAlias }>
    : TSelection[K] extends SQL
      ? { readonly 'an SQL field of a subquery needs an alias: use .as()': K }
      : TSelection[K];
};
