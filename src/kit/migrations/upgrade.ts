import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { SluiceError } from '../../core/errors.js';
import { fromDrizzleSnapshot } from './drizzle-snapshot.js';

/** A migrations folder `sluice up` cannot convert. */
export class UpgradeError extends SluiceError {}

export interface UpgradeOptions {
  /** Report what would be converted without writing or moving anything. */
  dryRun?: boolean;
}

export interface UpgradeResult {
  /** `from`: drizzle-kit's tag (`0003_brave_wolf`); `to`: the new folder's name (`20261130120000_0003_brave_wolf`). */
  converted: { from: string; to: string }[];
  /** Where drizzle-kit's files were moved; undefined when nothing was converted. */
  backup: string | undefined;
}

/** Where `sluice up` keeps drizzle-kit's original files. */
export const BACKUP_DIR = '.drizzle-backup';

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

/**
 * `sluice up`: converts a drizzle-kit 0.x folder (`meta/_journal.json`, `NNNN_tag.sql`,
 * `meta/NNNN_snapshot.json`) to one folder per migration, `<YYYYMMDDHHMMSS>_<tag>/migration.sql`
 * plus `snapshot.json` in the kit's model. The SQL is copied byte for byte, so the hashes in
 * drizzle's tracking table still match; drizzle-kit's files move to `<dir>/.drizzle-backup/`.
 * A folder already converted converts nothing; a folder with no journal is refused.
 */
export function upgradeFolder(dir: string, options: UpgradeOptions = {}): UpgradeResult {
  const journalPath = join(dir, 'meta', '_journal.json');
  if (!existsSync(journalPath)) {
    if (existsSync(join(dir, BACKUP_DIR, 'meta', '_journal.json'))) return { converted: [], backup: undefined };
    throw new UpgradeError(`${dir} has no drizzle-kit journal (meta/_journal.json): there is nothing to upgrade`);
  }
  const entries = readJournal(journalPath);
  const plan = entries.map((entry) => {
    const sqlPath = join(dir, `${entry.tag}.sql`);
    if (!existsSync(sqlPath)) throw new UpgradeError(`${journalPath} lists ${entry.tag}, but ${sqlPath} does not exist`);
    const snapshotPath = join(dir, 'meta', `${snapshotPrefix(entry)}_snapshot.json`);
    if (!existsSync(snapshotPath)) throw new UpgradeError(`${journalPath} lists ${entry.tag}, but its snapshot ${snapshotPath} does not exist`);
    return { entry, sqlPath, snapshotPath, to: `${folderTimestamp(entry.when)}_${entry.tag}` };
  });
  const names = new Set<string>();
  for (const p of plan) {
    if (names.has(p.to)) throw new UpgradeError(`two journal entries map to the folder ${p.to}`);
    names.add(p.to);
  }
  // Convert every snapshot before writing anything, so a bad one leaves the folder as it was.
  const converted = plan.map((p) => {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(p.snapshotPath, 'utf8'));
    } catch (cause) {
      throw new UpgradeError(`${p.snapshotPath} is not valid JSON`, { cause });
    }
    return { ...p, sql: readFileSync(p.sqlPath), snapshot: fromDrizzleSnapshot(json) };
  });
  const result: UpgradeResult = { converted: converted.map((c) => ({ from: c.entry.tag, to: c.to })), backup: join(dir, BACKUP_DIR) };
  if (options.dryRun) return result;

  const backup = join(dir, BACKUP_DIR);
  const moves = [...new Set([...converted.flatMap((c) => [c.sqlPath, c.snapshotPath]), ...leftoverMeta(dir), journalPath])].map((from) => ({ from, to: join(backup, relative(dir, from)) }));
  const taken = moves.find((m) => existsSync(m.to));
  if (taken) throw new UpgradeError(`cannot back up ${taken.from}: ${taken.to} already exists`);

  for (const c of converted) {
    const existing = join(dir, c.to, 'migration.sql');
    if (existsSync(existing) && !readFileSync(existing).equals(c.sql)) throw new UpgradeError(`${existing} already exists with different SQL than ${c.sqlPath}`);
  }

  for (const c of converted) {
    const target = join(dir, c.to);
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'migration.sql'), c.sql);
    writeFileSync(join(target, 'snapshot.json'), `${JSON.stringify(c.snapshot, null, 2)}\n`);
  }
  for (const { from, to } of moves) {
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
  }
  // The emptied meta/ folder would make the next run look like a half-converted drizzle-kit folder.
  const meta = join(dir, 'meta');
  if (existsSync(meta) && readdirSync(meta).length === 0) rmdirSync(meta);
  return result;
}

/** Snapshots in `meta/` the journal does not list (drizzle-kit leaves none, but hand edits can). */
function leftoverMeta(dir: string): string[] {
  const meta = join(dir, 'meta');
  if (!existsSync(meta)) return [];
  return readdirSync(meta)
    .filter((f) => f.endsWith('_snapshot.json'))
    .map((f) => join(meta, f));
}

function readJournal(path: string): JournalEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new UpgradeError(`${path} is not valid JSON`, { cause });
  }
  const list = typeof json === 'object' && json !== null ? (json as { entries?: unknown }).entries : undefined;
  if (!Array.isArray(list)) throw new UpgradeError(`${path} has no entries list`);
  return list.map((e: unknown, i) => {
    const entry = e as Partial<JournalEntry> | null;
    if (typeof entry?.tag !== 'string' || typeof entry.when !== 'number' || !Number.isFinite(entry.when)) {
      throw new UpgradeError(`${path}: entry ${i} needs a string 'tag' and a numeric 'when'`);
    }
    return { idx: typeof entry.idx === 'number' ? entry.idx : i, when: entry.when, tag: entry.tag };
  });
}

/** drizzle-kit names a snapshot after its migration's number: `0003_brave_wolf` -> `0003_snapshot.json`. */
function snapshotPrefix(entry: JournalEntry): string {
  const prefix = /^(\d+)_/.exec(entry.tag)?.[1];
  return prefix ?? String(entry.idx).padStart(4, '0');
}

/** `when` (ms) as the folder's `YYYYMMDDHHMMSS`, in UTC. */
function folderTimestamp(when: number): string {
  const d = new Date(when);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}
