import type { Dialect } from './dialect.js';
import { UnsupportedError } from './errors.js';

/**
 * The SQL-standard-ish `on conflict (target) do nothing | do update set ... where ...` that
 * PostgreSQL, SQLite and CockroachDB share.
 */
export const onConflictUpsert =
  (dialectName: string): NonNullable<Dialect['upsert']> =>
  (clause, r) => {
    if (clause.kind === 'duplicateKey') throw new UnsupportedError(`${dialectName}: onDuplicateKeyUpdate() is MySQL's; use onConflictDoUpdate({ target, set })`);
    let s = ' on conflict';
    if (clause.target && clause.target.length > 0) {
      s += ` (${clause.target.map((c) => r.bare(c)).join(', ')})`;
      if (clause.targetWhere) s += ` where ${r.expr(clause.targetWhere)}`;
    }
    if (clause.kind === 'nothing') return `${s} do nothing`;
    if (!clause.target || clause.target.length === 0) throw new UnsupportedError(`${dialectName}: onConflictDoUpdate needs a target`);
    s += ` do update set ${clause.set!.map(([col, v]) => `${col} = ${r.expr(v)}`).join(', ')}`;
    if (clause.setWhere) s += ` where ${r.expr(clause.setWhere)}`;
    return s;
  };
