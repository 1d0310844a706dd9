import type { RenderContext, Renderer } from './render.js';
import type { AnySelect, SelectAfterSetOperator } from './select-types.js';
import type { AnySelectQuery } from './select.js';

type RowOf<Q> = Q extends { readonly _: { row: infer R } } ? R : never;
/** The other selects of `union(first, ...rest)`: each must select the same fields as the first. */
type SameShape<Q, R extends AnySelect[]> = { [K in keyof R]: R[K] & SetShapeCheck<RowOf<Q>, RowOf<R[K]>> };

type SetMethod = 'union' | 'unionAll' | 'intersect' | 'intersectAll' | 'except' | 'exceptAll';
/** What the standalone set operators return: the first select after the operation. */
type Compound<Q extends AnySelect> = SelectAfterSetOperator<Q, Q['_']['dynamic']>;

function chain<Q extends AnySelect>(method: SetMethod, first: Q, rest: AnySelect[]): Compound<Q> {
  // Every select is a SelectQuery at run time, whatever its type omits; the method checks the operand.
  let q = first as unknown as AnySelectQuery;
  for (const other of rest) {
    const op = q[method] as unknown as (this: AnySelectQuery, operand: SetOperand) => AnySelectQuery;
    q = op.call(q, other);
  }
  return q as unknown as Compound<Q>;
}

/** `union(a, b, ...)`: the standalone form of `a.union(b)`. */
export function union<Q extends AnySelect, R extends AnySelect[]>(first: Q, ...rest: R & SameShape<Q, R>): Compound<Q> {
  return chain('union', first, rest);
}
/** `unionAll(a, b, ...)` */
export function unionAll<Q extends AnySelect, R extends AnySelect[]>(first: Q, ...rest: R & SameShape<Q, R>): Compound<Q> {
  return chain('unionAll', first, rest);
}
/** `intersect(a, b, ...)` */
export function intersect<Q extends AnySelect, R extends AnySelect[]>(first: Q, ...rest: R & SameShape<Q, R>): Compound<Q> {
  return chain('intersect', first, rest);
}
/** `intersectAll(a, b, ...)` */
export function intersectAll<Q extends AnySelect, R extends AnySelect[]>(first: Q, ...rest: R & SameShape<Q, R>): Compound<Q> {
  return chain('intersectAll', first, rest);
}
/** `except(a, b, ...)` */
export function except<Q extends AnySelect, R extends AnySelect[]>(first: Q, ...rest: R & SameShape<Q, R>): Compound<Q> {
  return chain('except', first, rest);
}
/** `exceptAll(a, b, ...)` */
export function exceptAll<Q extends AnySelect, R extends AnySelect[]>(first: Q, ...rest: R & SameShape<Q, R>): Compound<Q> {
  return chain('exceptAll', first, rest);
}

/**
 * Renders one member of a compound select: parenthesised where the dialect allows it; on SQLite,
 * which allows no parentheses there, a member with its own order, limit or set operations
 * becomes `select * from (...)` so that it keeps them. `core`: render only the member's own
 * select (the left member, whose set operations are the compound being rendered).
 */
export function renderMember(r: Renderer, ctx: RenderContext, q: AnySelectQuery, core: boolean, named: boolean): void {
  const c = q.config;
  const wrap = r.dialect.parenthesizeSetOperations ? '(' : (!core && c.setOps.length > 0) || c.orderBy.length > 0 || c.limit !== undefined || c.offset !== undefined ? 'select * from (' : '';
  ctx.s += wrap;
  if (core) q.renderCore(r, ctx, named);
  else q._render(r, ctx, named);
  if (wrap) ctx.s += ')';
}

/** `unknown` when two row types have the same keys; otherwise a type no select satisfies, whose name says why. */
export type SetShapeCheck<TRow, TOtherRow> = [keyof TRow] extends [keyof TOtherRow]
  ? [keyof TOtherRow] extends [keyof TRow]
    ? [TOtherRow] extends [TRow]
      ? unknown
      : { readonly 'set operation error: the selects must select values of the same types': { [K in keyof TRow]: [TOtherRow[K & keyof TOtherRow]] extends [TRow[K]] ? never : K }[keyof TRow] }
    : { readonly 'set operation error: the selects must select the same fields': Exclude<keyof TOtherRow, keyof TRow> }
  : { readonly 'set operation error: the selects must select the same fields': Exclude<keyof TRow, keyof TOtherRow> };
/** The operand of `a.union(...)`: a select of the same fields as `TThis`, or a function of the set operators returning one. */
export type SetOperandOf<T, TThis> = (T & SetShapeCheck<RowOf<TThis>, RowOf<T>>) | ((helpers: typeof setOperatorHelpers) => AnySelect);

/** Compound selects take the standalone set operators as helpers: `a.except(({ unionAll }) => unionAll(b, c))`. */
export const setOperatorHelpers = { union, unionAll, intersect, intersectAll, except, exceptAll };
export type SetOperand = AnySelect | ((helpers: typeof setOperatorHelpers) => AnySelect);
