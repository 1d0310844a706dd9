import { Column } from './column.js';
import { SchemaError, UnsupportedError } from './errors.js';
import type { RenderableQuery, RenderContext, Renderer } from './render.js';
import { Name, SQL, StringChunk } from './sql.js';
import { setFields, Subquery } from './subquery.js';
import { cloneColumnFor, TableMeta } from './table.js';

/** A query that can be named by `db.$with(name).as(...)`: a select, or a write with `returning()`. */
interface CteQuery extends RenderableQuery {
  _selection(): Record<string, unknown>;
}

function isCteQuery(q: unknown): q is CteQuery {
  return q !== null && typeof q === 'object' && typeof (q as CteQuery)._render === 'function' && typeof (q as CteQuery)._selection === 'function';
}

/** Raw SQL as the body of a CTE. */
class SqlBody implements RenderableQuery {
  constructor(private readonly sql: SQL) {}
  _render(r: Renderer, ctx: RenderContext): void {
    r.chunk(ctx, this.sql);
  }
}

/**
 * Builds the CTE of `db.$with(alias).as(query)` or `db.$with(alias, selection).as(sql)`. A query
 * exposes its own selection; raw SQL exposes the selection given to `$with`, whose columns keep
 * their database names (they are what `select *` in the SQL returns).
 */
export function makeCte(alias: string, body: unknown, selection: Record<string, unknown> | undefined): Subquery {
  if (body instanceof SQL) {
    if (selection === undefined) throw new SchemaError(`$with("${alias}").as(sql): raw SQL needs its fields, as in db.$with("${alias}", { id: users.id }).as(sql\`...\`)`);
    const sq = new Subquery(new SqlBody(body), alias, {}, true);
    const fields = sameNamedFields(sq, selection);
    setFields(sq, fields);
    Object.assign(sq, fields);
    return sq;
  }
  if (!isCteQuery(body)) throw new SchemaError(`$with("${alias}").as() takes a select, an insert/update/delete with returning(), or sql`);
  return new Subquery(body, alias, selection ?? body._selection(), true);
}

/** Re-points columns at the CTE under their own names; SQL fields must be aliased (`sql\`...\`.as('x')`). */
function sameNamedFields(sq: Subquery, selection: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(selection)) {
    if (value instanceof Column) out[key] = cloneColumnFor(value, sq);
    else if (value instanceof SQL.Aliased) {
      const ref = new SQL([sq, new StringChunk('.'), new Name(value.fieldAlias)]);
      ref.decoder = value.sql.decoder;
      out[key] = ref;
    } else if (value !== null && typeof value === 'object' && !(value instanceof SQL)) out[key] = sameNamedFields(sq, value as Record<string, unknown>);
    else throw new UnsupportedError(`$with("${sq[TableMeta].alias}", selection): field "${key}" must be a column or an aliased sql\`...\`.as("name")`);
  }
  return out;
}
