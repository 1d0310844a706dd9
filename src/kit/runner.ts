import { SluiceError } from '../core/errors.js';
import type { KitDialectName } from './model.js';
import type { MigrationEntry } from './migrations/types.js';
import {
  createTableStatements,
  DRIZZLE_PG_SCHEMA,
  DRIZZLE_TABLE,
  readTracked,
  recordStatement,
  SLUICE_PG_SCHEMA,
  SLUICE_TABLE,
  tableColumns,
  type TrackedRow,
  type TrackingTable,
} from './runner-tracking.js';

/** What the runner needs from a database connection. */
export interface MigrationSession {
  readonly dialect: KitDialectName;
  /** Runs SQL without results (several statements separated by `;` are allowed). */
  execute(sql: string): Promise<void>;
  /** Runs a query and returns its rows as objects; parameters use the dialect's placeholders (`$1` on PostgreSQL, `?` elsewhere). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs `fn` in a transaction on one connection: commits when it resolves, rolls back when it
   * throws.
   */
  transaction<T>(fn: (tx: MigrationSession) => Promise<T>, options?: MigrationTransactionOptions): Promise<T>;
  /**
   * Runs `fn` on one connection that holds a lock only one migration run can hold at a time.
   * Sessions whose transactions already serialise runners (PostgreSQL, SQLite) leave it out.
   */
  exclusive?<T>(fn: (conn: MigrationSession) => Promise<T>): Promise<T>;
}

export interface MigrationTransactionOptions {
  /**
   * SQLite: turn foreign key enforcement off on the transaction's connection before `BEGIN` and
   * restore it after the transaction ends (SQLite ignores the pragma inside a transaction).
   */
  foreignKeysOff?: boolean;
}

export interface MigrationsTableOptions {
  /** Tracking table; default `__sluice_migrations` (or drizzle's table when only it exists). */
  table?: string;
  /** PostgreSQL schema of the tracking table; default `sluice` (`drizzle` for drizzle's table). */
  schema?: string;
}

export interface MigrateResult {
  applied: string[];
  tracking: { table: string; schema: string | undefined; format: 'sluice' | 'drizzle' };
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Recorded in the database, missing from the folder. */
  unknown: string[];
}

/** A migration's statement failed; the migration was rolled back where the database allows it. */
export class MigrationError extends SluiceError {
  /** The migration's name. */
  readonly migration: string;
  /** The statement that failed (the whole statement, not the shortened one in the message). */
  readonly statement: string;
  constructor(migration: string, statement: string, cause: unknown, reason?: string) {
    const dbMessage = reason ?? (cause instanceof Error ? cause.message : String(cause));
    const shown = statement.length > 200 ? `${statement.slice(0, 200)}...` : statement;
    super(`Migration ${migration} failed: ${dbMessage}\nstatement: ${shown}`, { cause });
    this.migration = migration;
    this.statement = statement;
  }
}

/** The advisory lock key migration runs take on PostgreSQL (any constant; this spells "sluice"). */
const MIGRATION_LOCK = '7308623465336165';

/** PostgreSQL: serialises runners until the transaction ends (SQLite sessions lock at BEGIN). */
async function lock(tx: MigrationSession): Promise<void> {
  if (tx.dialect === 'postgresql') await tx.query(`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
}

const FK_PRAGMA = /^pragma\s+foreign_keys\s*=\s*(off|on|false|true|0|1|no|yes)\s*;?$/i;

/**
 * Applies every migration the tracking table does not record, in folder order (a migration that
 * arrives later with an older name still runs), and records each. On PostgreSQL and SQLite each
 * migration runs in its own transaction with its tracking row; on MySQL, where DDL commits
 * implicitly, statements run one by one and the row is written after them.
 */
export async function runMigrations(session: MigrationSession, entries: MigrationEntry[], options: RunOptions): Promise<MigrateResult> {
  if (session.exclusive) return session.exclusive((conn) => run(conn, entries, options));
  return run(session, entries, options);
}

export interface RunOptions extends MigrationsTableOptions {
  onMigration?(name: string): void;
  /** Record the pending migrations as applied without running them (a baseline the database already matches: `sluice pull --init`). */
  recordOnly?: boolean;
}

async function run(session: MigrationSession, entries: MigrationEntry[], options: RunOptions): Promise<MigrateResult> {
  const tracking = await resolveTracking(session, options);
  let columns = await tableColumns(session, tracking);
  // Created only when missing: `if not exists` on an existing table makes PostgreSQL send a notice,
  // which some clients print on every run.
  if (!columns) {
    const create = async (on: MigrationSession) => {
      for (const statement of createTableStatements(session.dialect, tracking)) await on.execute(statement);
    };
    // Two runners creating it at once would collide even with `if not exists` on PostgreSQL.
    if (session.dialect === 'mysql') await create(session);
    else {
      await session.transaction(async (tx) => {
        await lock(tx);
        if (!(await tableColumns(tx, tracking))) await create(tx);
      });
    }
    columns = (await tableColumns(session, tracking)) ?? [];
  }
  const recorded = await readTracked(session, tracking, columns);
  const applied: string[] = [];
  for (const entry of entries) {
    if (recorded.some((row) => isRecorded(row, entry))) continue;
    const record = recordStatement(session.dialect, tracking, columns, entry);
    const starting = () => options.onMigration?.(entry.name);
    if (options.recordOnly === true) {
      starting();
      await session.query(record.sql, record.params);
    } else if (session.dialect === 'mysql') {
      starting();
      for (const statement of entry.statements) await runStatement(session, entry, statement);
      await session.query(record.sql, record.params);
    } else {
      // Another runner may have applied it since the table was read; it is then skipped.
      if (!(await applyInTransaction(session, entry, record, tracking, columns, starting))) continue;
    }
    applied.push(entry.name);
  }
  return { applied, tracking: { table: tracking.table, schema: tracking.schema, format: tracking.format } };
}

/** Which migrations of the folder are applied, which are pending, and which the database records but the folder lacks. */
export async function migrationStatus(session: MigrationSession, entries: MigrationEntry[], options: MigrationsTableOptions): Promise<MigrationStatus> {
  const tracking = await resolveTracking(session, options);
  const columns = await tableColumns(session, tracking);
  const recorded = columns ? await readTracked(session, tracking, columns) : [];
  const status: MigrationStatus = { applied: [], pending: [], unknown: [] };
  for (const entry of entries) (recorded.some((row) => isRecorded(row, entry)) ? status.applied : status.pending).push(entry.name);
  for (const row of recorded) {
    if (!entries.some((entry) => isRecorded(row, entry))) status.unknown.push(row.name ?? `${row.createdAt ?? '?'} (hash ${row.hash.slice(0, 12)})`);
  }
  return status;
}

/**
 * The table to use, and its format.
 * - `__drizzle_migrations` configured: drizzle's table (schema `drizzle` on PostgreSQL by default).
 * - Another table configured: that table. On PostgreSQL without a configured schema it is looked
 *   up in `sluice`, then in `drizzle` (where drizzle-orm puts a custom-named table), and created
 *   in `sluice` when neither has it.
 * - Nothing configured: ours, unless it does not exist and drizzle's default one does; then a
 *   project that moved over keeps drizzle's history.
 * An existing table without a `name` column is drizzle's format, whatever it is called.
 */
async function resolveTracking(session: MigrationSession, options: MigrationsTableOptions): Promise<TrackingTable> {
  const pg = session.dialect === 'postgresql';
  const candidates: TrackingTable[] = [];
  const drizzleDefault = (table: string): TrackingTable => ({ table, schema: pg ? (options.schema ?? DRIZZLE_PG_SCHEMA) : undefined, format: 'drizzle' });
  if (options.table === DRIZZLE_TABLE) candidates.push(drizzleDefault(DRIZZLE_TABLE));
  else {
    const table = options.table ?? SLUICE_TABLE;
    candidates.push({ table, schema: pg ? (options.schema ?? SLUICE_PG_SCHEMA) : undefined, format: 'sluice' });
    if (options.table === undefined) candidates.push(drizzleDefault(DRIZZLE_TABLE));
    else if (pg && options.schema === undefined) candidates.push(drizzleDefault(table));
  }
  for (const candidate of candidates) {
    const columns = await tableColumns(session, candidate);
    if (columns) return { ...candidate, format: columns.includes('name') ? candidate.format : 'drizzle' };
  }
  return candidates[0]!;
}

/**
 * Whether a tracking row records this migration. Our table matches by name. drizzle's table
 * matches as drizzle does: by name when drizzle-orm 1.0 wrote one, by `created_at` = the journal's
 * `when` for drizzle-kit 0.x journal entries (what drizzle 0.x compares), and by the file's hash
 * otherwise (a folder migration drizzle applied without a name).
 */
function isRecorded(row: TrackedRow, entry: MigrationEntry): boolean {
  if (row.name !== undefined) return row.name === entry.name;
  if (entry.format === 'drizzle-journal' && row.createdAt === entry.createdAt) return true;
  return row.hash === entry.hash;
}

async function runStatement(session: MigrationSession, entry: Pick<MigrationEntry, 'name'>, statement: string): Promise<void> {
  try {
    await session.execute(statement);
  } catch (e) {
    throw new MigrationError(entry.name, statement, e);
  }
}

/**
 * One migration and its tracking row in one transaction. On SQLite, `PRAGMA foreign_keys=OFF/ON`
 * statements are taken out: SQLite ignores them inside a transaction, so a table rebuild would
 * cascade-delete child rows. Foreign keys go off before `BEGIN`, `PRAGMA foreign_key_check`
 * runs before `COMMIT` (any violation rolls back), and the session restores them after.
 */
async function applyInTransaction(session: MigrationSession, entry: MigrationEntry, record: { sql: string; params: unknown[] }, tracking: TrackingTable, columns: string[], starting: () => void): Promise<boolean> {
  const { statements, foreignKeysOff } = hoistForeignKeyPragmas(session, entry.statements);
  return session.transaction(
    async (tx) => {
      // Two runners at once: PostgreSQL serialises them on a transaction-scoped advisory lock,
      // SQLite on the write lock its sessions take at BEGIN; the second then finds the row.
      await lock(tx);
      if ((await readTracked(tx, tracking, columns)).some((row) => isRecorded(row, entry))) return false;
      starting();
      for (const statement of statements) await runStatement(tx, entry, statement);
      if (foreignKeysOff) await checkForeignKeys(tx, entry);
      await tx.query(record.sql, record.params);
      return true;
    },
    { foreignKeysOff },
  );
}

/** SQLite's `PRAGMA foreign_keys=OFF/ON` statements, taken out to be applied around the transaction. */
function hoistForeignKeyPragmas(session: MigrationSession, all: readonly string[]): { statements: readonly string[]; foreignKeysOff: boolean } {
  const hoisted = session.dialect === 'sqlite' && all.some((s) => FK_PRAGMA.test(s));
  if (!hoisted) return { statements: all, foreignKeysOff: false };
  return { statements: all.filter((s) => !FK_PRAGMA.test(s)), foreignKeysOff: all.some((s) => FK_PRAGMA.test(s) && /=\s*(off|false|0|no)\s*;?$/i.test(s)) };
}

async function checkForeignKeys(tx: MigrationSession, entry: Pick<MigrationEntry, 'name'>): Promise<void> {
  const violations = await tx.query<{ table: string; rowid: unknown; parent: string; fkid: unknown }>('PRAGMA foreign_key_check');
  if (violations.length > 0) {
    const list = violations.map((v) => `${v.table} row ${String(v.rowid)} -> ${v.parent}`).join(', ');
    throw new MigrationError(entry.name, 'PRAGMA foreign_key_check', undefined, `foreign key violations after the migration: ${list}`);
  }
}

/**
 * Runs statements outside the migration history (`sluice push`): all in one transaction on
 * PostgreSQL and SQLite (SQLite's foreign-key pragmas handled as in a migration), so a failure
 * changes nothing; one by one on MySQL, whose DDL commits implicitly. A failure throws a
 * `MigrationError` labelled `label`.
 */
export async function applyStatements(session: MigrationSession, label: string, all: readonly string[]): Promise<void> {
  const entry = { name: label };
  if (session.dialect === 'mysql') {
    for (const statement of all) await runStatement(session, entry, statement);
    return;
  }
  const { statements, foreignKeysOff } = hoistForeignKeyPragmas(session, all);
  await session.transaction(
    async (tx) => {
      for (const statement of statements) await runStatement(tx, entry, statement);
      if (foreignKeysOff) await checkForeignKeys(tx, entry);
    },
    { foreignKeysOff },
  );
}
