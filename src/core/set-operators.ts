import type { NullabilityMap, SelectMode } from './select-types.js';
import type { SelectQuery } from './select.js';

type AnySelect = SelectQuery<string, string, unknown, Record<string, unknown>, NullabilityMap, SelectMode>;

function chain<Q extends AnySelect>(method: 'union' | 'unionAll' | 'intersect' | 'intersectAll' | 'except' | 'exceptAll', first: Q, rest: AnySelect[]): Q {
  let q = first;
  for (const other of rest) q = q[method](other) as Q;
  return q;
}

/** `union(a, b, ...)`: the standalone form of `a.union(b)`. */
export function union<Q extends AnySelect>(first: Q, ...rest: AnySelect[]): Q {
  return chain('union', first, rest);
}
/** `unionAll(a, b, ...)` */
export function unionAll<Q extends AnySelect>(first: Q, ...rest: AnySelect[]): Q {
  return chain('unionAll', first, rest);
}
/** `intersect(a, b, ...)` */
export function intersect<Q extends AnySelect>(first: Q, ...rest: AnySelect[]): Q {
  return chain('intersect', first, rest);
}
/** `intersectAll(a, b, ...)` */
export function intersectAll<Q extends AnySelect>(first: Q, ...rest: AnySelect[]): Q {
  return chain('intersectAll', first, rest);
}
/** `except(a, b, ...)` */
export function except<Q extends AnySelect>(first: Q, ...rest: AnySelect[]): Q {
  return chain('except', first, rest);
}
/** `exceptAll(a, b, ...)` */
export function exceptAll<Q extends AnySelect>(first: Q, ...rest: AnySelect[]): Q {
  return chain('exceptAll', first, rest);
}
