import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SluiceError } from '../../core/errors.js';
import { SNAPSHOT_VERSION, type Snapshot } from '../model.js';
import { destructiveReason, isIrreversible, isNoTransaction } from './directives.js';
import type { DownMigration, MigrationEntry, MigrationFormat } from './types.js';

/** A migrations folder that cannot be read: names the file and what is wrong with it. */
export class MigrationFolderError extends SluiceError {}

/** `20261130120000_add_users`: a folder migration (ours and drizzle-kit 1.0 name them alike). */
const FOLDER_NAME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_(.+)$/;
const BREAKPOINT = '--> statement-breakpoint';

/**
 * Every migration in a folder (ours, drizzle-kit 0.x journal, drizzle-kit 1.0 folders), in apply
 * order: the journal's entries in journal order first (a project that moved over keeps its old
 * history first), then the migration folders by name.
 */
export function readMigrations(dir: string): MigrationEntry[] {
  if (!existsSync(dir)) throw new MigrationFolderError(`Migrations folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new MigrationFolderError(`Migrations folder ${dir} is not a directory`);
  const entries = readJournal(dir);
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && FOLDER_NAME.test(d.name))
    .map((d) => d.name)
    .sort();
  for (const name of folders) entries.push(readFolder(dir, name));
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.name)) throw new MigrationFolderError(`Migration ${e.name} appears twice in ${dir} (journal and folder)`);
    seen.add(e.name);
  }
  return entries;
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
  breakpoints?: boolean;
}

function readJournal(dir: string): MigrationEntry[] {
  const path = join(dir, 'meta', '_journal.json');
  if (!existsSync(path)) return [];
  const journal = readJson(path) as { entries?: unknown };
  if (typeof journal !== 'object' || journal === null || !Array.isArray(journal.entries)) {
    throw new MigrationFolderError(`${path} is not a drizzle-kit journal: it has no "entries" array`);
  }
  return (journal.entries as unknown[]).map((raw, i) => {
    const e = raw as Partial<JournalEntry>;
    if (typeof e !== 'object' || e === null || typeof e.tag !== 'string' || typeof e.when !== 'number') {
      throw new MigrationFolderError(`${path}: entry ${i} needs a string "tag" and a number "when"`);
    }
    const sqlPath = join(dir, `${e.tag}.sql`);
    return entry(e.tag, 'drizzle-journal', readText(sqlPath), e.when, undefined, sqlPath);
  });
}

function readFolder(dir: string, name: string): MigrationEntry {
  const sqlPath = join(dir, name, 'migration.sql');
  const sql = readText(sqlPath);
  const snapshotPath = join(dir, name, 'snapshot.json');
  let format: MigrationFormat = 'sluice';
  let snapshot: Snapshot | undefined;
  if (existsSync(snapshotPath)) {
    const json = readJson(snapshotPath) as Partial<Snapshot> | null;
    if (typeof json !== 'object' || json === null) throw new MigrationFolderError(`${snapshotPath} does not hold a snapshot object`);
    // Our snapshots carry version '1'; drizzle-kit 1.0 writes its own shape (version '7', '8', ...).
    if (json.version === SNAPSHOT_VERSION) snapshot = json as Snapshot;
    else format = 'drizzle-folders';
  }
  const downPath = join(dir, name, 'down.sql');
  const down = existsSync(downPath) ? readDown(downPath) : undefined;
  return { ...entry(name, format, sql, folderMillis(name), snapshot, sqlPath), down };
}

/**
 * A folder's `down.sql`: its statements split as the migration's are, and its markers read. A
 * piece that is only comments (a merge's or a custom migration's note) is no statement: there is
 * nothing to run, and MySQL refuses an empty query.
 */
export function readDown(path: string): DownMigration {
  const sql = readText(path);
  const statements = splitStatements(sql).filter((s) => s.split(/\r?\n/).some((line) => line.trim() !== '' && !line.trim().startsWith('--')));
  return { sql, statements, path, transaction: !isNoTransaction(sql), irreversible: isIrreversible(sql), destructive: destructiveStatements(sql, path) };
}

/**
 * The statements marked `-- sluice:destructive <reason>`: each marker covers the statement that
 * starts on the lines after it and runs to its `;` line, the next breakpoint or the next marker.
 * A marker with no statement after it is an error: a rollback would otherwise run an unmarked
 * data-losing statement someone meant to flag, or flag nothing.
 */
function destructiveStatements(sql: string, path: string): DownMigration['destructive'] {
  const lines = sql.split(/\r?\n/);
  const found: DownMigration['destructive'] = [];
  for (const [i, line] of lines.entries()) {
    const reason = destructiveReason(line);
    if (reason === undefined) continue;
    const body: string[] = [];
    for (const next of lines.slice(i + 1)) {
      const trimmed = next.trim();
      if (trimmed === BREAKPOINT || destructiveReason(next) !== undefined) break;
      if (body.length === 0 && (trimmed === '' || trimmed.startsWith('--'))) continue;
      body.push(next);
      if (trimmed.endsWith(';')) break;
    }
    if (body.length === 0) throw new MigrationFolderError(`${path}:${i + 1}: "${line.trim()}" marks no statement: a statement must follow it`);
    found.push({ statement: body.join('\n').trim(), reason: reason === '' ? 'marked destructive, no reason given' : reason });
  }
  return found;
}

/** The folder's UTC timestamp in milliseconds, as drizzle-kit 1.0 reads it. */
function folderMillis(name: string): number {
  const m = FOLDER_NAME.exec(name)!;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

function entry(name: string, format: MigrationFormat, sql: string, createdAt: number, snapshot: Snapshot | undefined, path: string): MigrationEntry {
  return { name, format, sql, statements: splitStatements(sql), hash: migrationHash(sql), createdAt, snapshot, path, transaction: !isNoTransaction(sql), down: undefined };
}

/** A migration's statements: split on drizzle-kit's breakpoint marker, trimmed, empty ones dropped. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(BREAKPOINT)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * sha256 hex of the migration's text, the value drizzle's tracking table records. Line endings
 * are normalised to LF first, as current drizzle-orm does, so a checkout with CRLF endings
 * hashes the same.
 */
export function migrationHash(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new MigrationFolderError(`Cannot read migration file ${path}: ${(e as Error).message}`, { cause: e });
  }
}

function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new MigrationFolderError(`${path} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Writes `<out>/<YYYYMMDDHHMMSS>_<name>/migration.sql` and `snapshot.json` (and `down.sql` when
 * `down` is given), named by the UTC time (`now`, default the current time); when that folder
 * exists, the next free second is used so two migrations generated in the same second keep their
 * order. Returns the folder's path.
 */
export function writeMigration(out: string, migration: { name: string; sql: string; snapshot: Snapshot; down?: string | undefined; now?: Date | undefined }): string {
  if (!/^[\w.-]+$/.test(migration.name)) {
    throw new MigrationFolderError(`Migration name "${migration.name}" may only hold letters, digits, "_", "-" and "."`);
  }
  mkdirSync(out, { recursive: true });
  const taken = new Set(
    readdirSync(out)
      .map((n) => FOLDER_NAME.exec(n)?.slice(1, 7).join(''))
      .filter((s): s is string => s !== undefined),
  );
  let time = (migration.now ?? new Date()).getTime();
  time -= time % 1000;
  while (taken.has(stamp(time))) time += 1000;
  const folder = join(out, `${stamp(time)}_${migration.name}`);
  mkdirSync(folder);
  writeFileSync(join(folder, 'migration.sql'), migration.sql);
  writeFileSync(join(folder, 'snapshot.json'), `${JSON.stringify(migration.snapshot, null, 2)}\n`);
  if (migration.down !== undefined) writeFileSync(join(folder, 'down.sql'), migration.down);
  return folder;
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}
