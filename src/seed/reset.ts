import { SeedError } from '../core/errors.js';
import { sql, type SQL } from '../core/sql.js';
import { TableMeta, type AnyTable } from '../core/table.js';
import { readSchema, type SeedTable } from './schema.js';

type ResetDb = {
  execute(query: SQL): PromiseLike<unknown>;
  delete(table: AnyTable): PromiseLike<unknown>;
  all(query: SQL): PromiseLike<Record<string, unknown>[]>;
  transaction<T>(fn: (tx: ResetDb) => Promise<T>): PromiseLike<T>;
};

/** The part of a sluice database reset() uses; every driver's `drizzle()` returns one. */
export interface ResetDatabase {
  execute(query: never): PromiseLike<unknown>;
  delete(table: never): PromiseLike<unknown>;
}

/**
 * Empties every table of the schema, as Drizzle's `reset()` does per dialect: PostgreSQL (and
 * CockroachDB) `truncate a, b cascade`; MySQL `truncate table` per table with foreign key checks
 * off (on one connection, inside a transaction, since the setting is the connection's); SQLite
 * `delete from` per table with foreign keys off; other dialects delete children before parents.
 */
export async function reset(db: ResetDatabase, schema: Record<string, unknown>): Promise<void> {
  const d = db as unknown as ResetDb;
  if (d === null || typeof d !== 'object' || typeof d.execute !== 'function') throw new SeedError('reset() takes a sluice database as its first argument');
  const tables = readSchema(schema, true).reverse();
  if (tables.length === 0) return;
  const dialect = tables[0]!.table[TableMeta].dialect;
  const list = (items: SeedTable[]) =>
    sql.join(
      items.map((t) => sql`${t.table}`),
      sql`, `,
    );
  switch (dialect) {
    case 'pg':
    case 'cockroach':
      await d.execute(sql`truncate ${list(tables)} cascade`);
      return;
    case 'mysql':
      await d.transaction(async (tx) => {
        await tx.execute(sql`set foreign_key_checks = 0`);
        try {
          for (const t of tables) await tx.execute(sql`truncate table ${t.table}`);
        } finally {
          await tx.execute(sql`set foreign_key_checks = 1`);
        }
      });
      return;
    case 'sqlite': {
      // The pragma is a no-op inside a transaction, so the deletes run one by one with it off,
      // and it is set back to what it was (better-sqlite3 turns it on, libsql leaves it off).
      const [state] = await d.all(sql`pragma foreign_keys`);
      const wasOn = Number(Object.values(state ?? {})[0] ?? 0) === 1;
      if (wasOn) await d.execute(sql`pragma foreign_keys = off`);
      try {
        for (const t of tables) await d.delete(t.table);
      } finally {
        if (wasOn) await d.execute(sql`pragma foreign_keys = on`);
      }
      return;
    }
    default:
      for (const t of tables) await d.delete(t.table);
  }
}
