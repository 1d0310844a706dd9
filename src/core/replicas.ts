import { Database } from './database.js';
import { is } from './entity.js';
import { SchemaError } from './errors.js';
import type { Subquery } from './subquery.js';

/** Any database handle `drizzle()` returns, whatever its dialect, driver and schema. */
// biome-ignore lint/suspicious/noExplicitAny: the handle's own type parameters are kept by `Q`; this only bounds it
type AnyDatabase = Database<any, any, any, any>;

/**
 * What `withReplicas()` returns: the primary's own type, whose reads go to a replica, plus the
 * handles it was made from.
 */
export type WithReplicas<Q> = Q & {
  /** The primary: `db.$primary.select()` reads where the writes went. */
  readonly $primary: Q;
  /** The replicas, in the order given. */
  readonly $replicas: Q[];
};

/** Drizzle's per-dialect names for the same type. */
export type PgWithReplicas<Q> = WithReplicas<Q>;
export type MySqlWithReplicas<Q> = WithReplicas<Q>;
export type SQLiteWithReplicas<Q> = WithReplicas<Q>;

const randomReplica = <Q>(replicas: Q[]): Q => replicas[Math.floor(Math.random() * replicas.length)]!;

/**
 * A database whose reads go to read replicas and everything else to the primary. Reads are
 * `select`, `selectDistinct`, `selectDistinctOn`, `$count`, `db.with(...).select...` and
 * `db.query` (relational queries): each goes to the replica `getReplica(replicas)` picks (at
 * random by default) when the builder is made. Writes (`insert`, `update`, `delete`, also after
 * `db.with(...)`), raw SQL (`execute`, SQLite's `run/all/get/values`), `batch`,
 * `refreshMaterializedView` and `transaction` run on the primary, the transaction's reads
 * included, so they see its own writes. `db.$primary` reads from the primary explicitly.
 *
 * The result is the primary itself as far as anything else sees (`$client`, `dialect`, `schema`,
 * the migrator), and has its type; the replicas must be databases of the same dialect.
 *
 * @example
 * const primary = drizzle(process.env.DATABASE_URL!);
 * const db = withReplicas(primary, [drizzle(process.env.REPLICA_1_URL!), drizzle(process.env.REPLICA_2_URL!)]);
 * await db.select().from(users); // a replica
 * await db.insert(users).values({ name: 'Ann' }); // the primary
 * await db.$primary.select().from(users); // the primary
 */
export function withReplicas<Q extends AnyDatabase>(primary: Q, replicas: [Q, ...Q[]], getReplica: (replicas: Q[]) => Q = randomReplica): WithReplicas<Q> {
  checkReplicas(primary, replicas, getReplica);
  const list = [...replicas];
  const pick = (): Q => {
    const replica = getReplica(list);
    // A custom picker that returns something else would send reads nobody knows where.
    if (!list.includes(replica)) throw new SchemaError('withReplicas(): getReplica() returned a database that is not one of the replicas');
    return replica;
  };
  // The primary's prototype chain answers everything not routed here, with the primary's session
  // as `this.session`: writes, raw SQL, transactions and any driver extras (libsql's `batch`).
  const db = Object.create(primary) as Q;
  Object.defineProperties(db, {
    select: { value: (...args: unknown[]) => (pick().select as (...a: unknown[]) => unknown)(...args) },
    selectDistinct: { value: (...args: unknown[]) => (pick().selectDistinct as (...a: unknown[]) => unknown)(...args) },
    selectDistinctOn: { value: (...args: unknown[]) => (pick().selectDistinctOn as (...a: unknown[]) => unknown)(...args) },
    $count: { value: (...args: unknown[]) => (pick().$count as (...a: unknown[]) => unknown)(...args) },
    query: { get: () => pick().query },
    with: {
      // Drizzle sends all of `db.with(...)` to a replica; a write after `with` must reach the primary.
      value: (...ctes: Omit<Subquery, '_'>[]) => {
        const reads = () => pick().with(...ctes);
        const writes = primary.with(...ctes);
        return {
          select: (...args: unknown[]) => (reads().select as (...a: unknown[]) => unknown)(...args),
          selectDistinct: (...args: unknown[]) => (reads().selectDistinct as (...a: unknown[]) => unknown)(...args),
          selectDistinctOn: (...args: unknown[]) => (reads().selectDistinctOn as (...a: unknown[]) => unknown)(...args),
          insert: writes.insert.bind(writes),
          update: writes.update.bind(writes),
          delete: writes.delete.bind(writes),
        };
      },
    },
    $primary: { value: primary, enumerable: true },
    $replicas: { value: list, enumerable: true },
  });
  return db as WithReplicas<Q>;
}

function checkReplicas(primary: unknown, replicas: unknown, getReplica: unknown): void {
  if (!is(primary, Database)) throw new SchemaError('withReplicas(primary, replicas): primary must be a database made by drizzle()');
  if (!Array.isArray(replicas) || replicas.length === 0) throw new SchemaError('withReplicas(primary, replicas): replicas must be a non-empty array of databases');
  if (typeof getReplica !== 'function') throw new SchemaError('withReplicas(primary, replicas, getReplica): getReplica must be a function');
  const dialect = primary.dialect.name;
  // `is()`, not instanceof: a database from another copy of sluice (the kit's) is one too.
  replicas.forEach((replica: unknown, i) => {
    if (!is(replica, Database)) throw new SchemaError(`withReplicas(): replicas[${i}] is not a database made by drizzle()`);
    // A replica of another dialect would render this dialect's SQL it cannot run.
    if (replica.dialect.name !== dialect) throw new SchemaError(`withReplicas(): replicas[${i}] is a ${replica.dialect.name} database, the primary a ${dialect} one`);
  });
}
