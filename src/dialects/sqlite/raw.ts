import type { RawShape } from '../../core/dialect.js';
import { entityKind } from '../../core/entity.js';
import type { BatchableRaw } from '../../core/query-base.js';
import type { CompiledQuery, Session } from '../../core/session.js';

/**
 * Raw SQL from `db.run/all/get/values` on an asynchronous SQLite driver. Like a builder it runs
 * when awaited, and it can be handed to `db.batch([...])`, which runs it with the other statements
 * in one round trip instead of on its own.
 */
export class SQLiteRaw<TResult> implements BatchableRaw<TResult> {
  static readonly [entityKind] = 'SQLiteRaw';
  declare readonly _result: TResult;

  constructor(
    private readonly session: Session,
    private readonly query: CompiledQuery,
    /** Runs the statement on a session and shapes the driver's answer (result, rows, first row, arrays). */
    private readonly runOn: (session: Session, q: CompiledQuery) => Promise<TResult>,
  ) {}

  /** @internal The statement, rendered when the raw query was made. */
  _compile(): CompiledQuery {
    return this.query;
  }

  /** @internal Runs the statement on a given session (batches replay their results through one). */
  _executeOn(session: Session, q: CompiledQuery): Promise<TResult> {
    return this.runOn(session, q);
  }

  /** The SQL text and parameters. */
  toSQL(): { sql: string; params: unknown[] } {
    return { sql: this.query.sql, params: this.query.params };
  }

  // biome-ignore lint/suspicious/noThenProperty: queries are thenables on purpose: `await db.select()...` runs them, as in Drizzle
  then<R1 = TResult, R2 = never>(onfulfilled?: ((value: TResult) => R1 | PromiseLike<R1>) | null, onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    return this.runOn(this.session, this.query).then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<TResult | R> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<TResult> {
    return this.runOn(this.session, this.query).finally(onfinally);
  }
}

/** Object rows of a driver's result: `rows` on libsql, the array itself on better-sqlite3. */
const toRows = (res: unknown) => (Array.isArray(res) ? res : ((res as { rows?: Record<string, unknown>[] }).rows ?? [])) as Record<string, unknown>[];

/**
 * `db.run/all/get/values` on SQLite: the answer now on a synchronous driver (better-sqlite3), a
 * batchable {@link SQLiteRaw} on an asynchronous one (libsql).
 */
export function sqliteRaw(session: Session, q: CompiledQuery, shape: RawShape): unknown {
  const sync = session.conn.sync !== undefined;
  switch (shape) {
    case 'run':
      return sync ? session.runSync(q) : new SQLiteRaw(session, q, (s, q) => s.run(q));
    case 'values':
      return sync ? session.valuesSync(q) : new SQLiteRaw(session, q, (s, q) => s.rawArrays(q.sql, q.params));
    case 'all':
    case 'get': {
      const pick = shape === 'all' ? (rows: Record<string, unknown>[]) => rows : (rows: Record<string, unknown>[]) => rows[0];
      if (sync) return pick(toRows(session.runSync(q)));
      return new SQLiteRaw(session, q, (s, q) => s.run(q).then((res) => pick(toRows(res))));
    }
  }
}
