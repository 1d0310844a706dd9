import type { NullabilityMap, SelectMode } from './select-types.js';
import type { SelectQuery, SetShapeCheck } from './select.js';

type AnySelect = SelectQuery<string, string, unknown, Record<string, unknown>, NullabilityMap, SelectMode>;
type RowOf<Q> = Q extends { readonly _: { row: infer R } } ? R : never;
/** The other selects of `union(first, ...rest)`: each must select the same fields as the first. */
type SameShape<Q, R extends AnySelect[]> = { [K in keyof R]: R[K] & SetShapeCheck<RowOf<Q>, RowOf<R[K]>> };

function chain<Q extends AnySelect>(method: 'union' | 'unionAll' | 'intersect' | 'intersectAll' | 'except' | 'exceptAll', first: Q, rest: AnySelect[]): Q {
  let q = first;
  for (const other of rest) q = (q[method] as (o: AnySelect) => Q)(other);
  return q;
}

/** `union(a, b, ...)`: the standalone form of `a.union(b)`. */
export function union<Q extends AnySelect, R extends AnySelect[]>(first: Q, ...rest: R & SameShape<Q, R>): Q {
  return chain('union', first, rest);
}
/** `unionAll(a, b, ...)` */
export function unionAll<Q extends AnySelect, R extends AnySelect[]>(first: Q, ...rest: R & SameShape<Q, R>): Q {
  return chain('unionAll', first, rest);
}
/** `intersect(a, b, ...)` */
export function intersect<Q extends AnySelect, R extends AnySelect[]>(first: Q, ...rest: R & SameShape<Q, R>): Q {
  return chain('intersect', first, rest);
}
/** `intersectAll(a, b, ...)` */
export function intersectAll<Q extends AnySelect, R extends AnySelect[]>(first: Q, ...rest: R & SameShape<Q, R>): Q {
  return chain('intersectAll', first, rest);
}
/** `except(a, b, ...)` */
export function except<Q extends AnySelect, R extends AnySelect[]>(first: Q, ...rest: R & SameShape<Q, R>): Q {
  return chain('except', first, rest);
}
/** `exceptAll(a, b, ...)` */
export function exceptAll<Q extends AnySelect, R extends AnySelect[]>(first: Q, ...rest: R & SameShape<Q, R>): Q {
  return chain('exceptAll', first, rest);
}
