import { Column } from './column.js';
import { entityKind } from './entity.js';
import type { RenderableQuery } from './render.js';
import type { SelectResultFields } from './select-types.js';
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
    const meta = this[TableMeta];
    meta.alias = alias;
    meta.isSubquery = true;
    const fields = refFields(this, selection);
    meta.columns = fields as never;
    Object.assign(this, fields);
  }
}

/**
 * Re-points a selection at a table-like that exposes it (subquery, CTE, view): columns and
 * expressions alike become `"sq"."key"`, decoded as before.
 */
export function refFields(sq: Table, selection: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(selection)) {
    if (value instanceof Column) {
      const c = cloneColumnFor(value, sq);
      Object.defineProperty(c, 'name', { value: key, enumerable: true });
      Object.defineProperty(c, 'keyAsName', { value: false, enumerable: true });
      out[key] = c;
    } else if (value instanceof SQL || value instanceof SQL.Aliased) {
      const inner = value instanceof SQL ? value : value.sql;
      const ref = new SQL([sq, new StringChunk('.'), new Name(value instanceof SQL.Aliased ? value.fieldAlias : key)]);
      ref.decoder = inner.decoder;
      out[key] = ref;
    } else if (value !== null && typeof value === 'object') {
      out[key] = refFields(sq, value as Record<string, unknown>);
    }
  }
  return out;
}

/** The fields a subquery exposes to the outer query, typed like the inner selection. */
export type SubqueryWithSelection<TSelection, TAlias extends string> = Subquery<TAlias, TSelection> & RetargetSelection<TSelection, TAlias> & {
  readonly _: { name: TAlias; columns: RetargetSelection<TSelection, TAlias> };
  readonly $inferSelect: SelectResultFields<TSelection, Record<string, never>>;
};

type RetargetSelection<TSelection, TAlias extends string> = {
  [K in keyof TSelection]: TSelection[K] extends Column ? Column<Omit<TSelection[K]['_'], 'tableName'> & { tableName: TAlias }> : TSelection[K];
};
