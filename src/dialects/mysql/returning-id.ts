import type { ReturnedIdsInsert } from '../../core/dialect.js';
import { SQL } from '../../core/sql.js';

/** The part of mysql2's `ResultSetHeader` an insert's keys are read from. */
interface InsertHeader {
  insertId?: number | bigint;
  affectedRows?: number;
}

/**
 * The keys of inserted rows: given values as they are, auto-increment values counted up from the
 * server's first insert id (MySQL assigns a multi-row insert consecutive ids). With `ignore()` or
 * an upsert the server may skip or update rows, so only as many keys as it reports affected rows
 * are returned, and none when it inserted nothing (insert id 0).
 */
export function returnedIds(result: unknown, insert: ReturnedIdsInsert): Record<string, unknown>[] {
  const { keys, partial } = insert;
  let rows = insert.rows;
  // mysql2 answers `[ResultSetHeader, fields]`; a header alone is accepted too.
  const header = (Array.isArray(result) ? result[0] : result) as InsertHeader | undefined;
  const first = header?.insertId;
  let next = typeof first === 'bigint' ? Number(first) : (first ?? 0);
  if (partial) {
    const counted = keys.some((key) => rows.some((row) => row[key] === undefined || row[key] instanceof SQL));
    if (counted && next === 0) return [];
    rows = rows.slice(0, Math.max(0, Math.min(rows.length, header?.affectedRows ?? rows.length)));
  }
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    let counted = false;
    for (const key of keys) {
      const v = row[key];
      if (v !== undefined && !(v instanceof SQL)) out[key] = v;
      else {
        out[key] = next;
        counted = true;
      }
    }
    if (counted) next++;
    return out;
  });
}
