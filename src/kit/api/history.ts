import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KitError } from '../config-errors.js';
import { readMigrations } from '../migrations/folder.js';
import { fromDrizzleSnapshot } from '../migrations/drizzle-snapshot.js';
import type { MigrationEntry } from '../migrations/types.js';
import { emptySnapshot, type KitDialectName, type Snapshot } from '../model.js';

/** A migration of the out folder with its snapshot, or why it has none. */
export interface HistoryEntry {
  entry: MigrationEntry;
  snapshot: Snapshot | undefined;
  /** Why the snapshot could not be read, when it could not. */
  problem: string | undefined;
}

/** The out folder's migrations in apply order, each with its snapshot (drizzle-kit's converted). Empty when the folder does not exist. */
export function readHistory(out: string): HistoryEntry[] {
  if (!existsSync(out)) return [];
  const entries = readMigrations(out);
  const journal = entries.some((e) => e.format === 'drizzle-journal') ? journalIndexes(out) : new Map<string, number>();
  return entries.map((entry) => {
    if (entry.snapshot !== undefined) return { entry, snapshot: entry.snapshot, problem: undefined };
    const file = drizzleSnapshotPath(out, entry, journal);
    if (file === undefined || !existsSync(file)) return { entry, snapshot: undefined, problem: `no snapshot${file === undefined ? '' : ` (${file} is missing)`}` };
    try {
      return { entry, snapshot: fromDrizzleSnapshot(JSON.parse(readFileSync(file, 'utf8')) as unknown), problem: undefined };
    } catch (error) {
      return { entry, snapshot: undefined, problem: `${file}: ${error instanceof Error ? error.message : String(error)}` };
    }
  });
}

function drizzleSnapshotPath(out: string, entry: MigrationEntry, journal: Map<string, number>): string | undefined {
  if (entry.format === 'drizzle-folders') return join(dirname(entry.path), 'snapshot.json');
  if (entry.format === 'drizzle-journal') {
    const idx = journal.get(entry.name);
    return idx === undefined ? undefined : join(out, 'meta', `${String(idx).padStart(4, '0')}_snapshot.json`);
  }
  return undefined;
}

function journalIndexes(out: string): Map<string, number> {
  const file = join(out, 'meta', '_journal.json');
  const map = new Map<string, number>();
  try {
    const journal = JSON.parse(readFileSync(file, 'utf8')) as { entries?: { idx?: number; tag?: string }[] };
    for (const e of journal.entries ?? []) if (typeof e.tag === 'string' && typeof e.idx === 'number') map.set(e.tag, e.idx);
  } catch (error) {
    throw new KitError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return map;
}

/** Snapshot ids no other snapshot follows, in apply order. */
export function headsOf(snapshots: readonly Snapshot[]): Snapshot[] {
  const parents = new Set(snapshots.flatMap((s) => s.prevIds));
  return snapshots.filter((s) => !parents.has(s.id));
}

/**
 * What a new migration starts from: the newest head's snapshot, and every head as `prevIds` (two
 * heads after branches meet; the new migration is their merge). The empty schema for a new project.
 */
export function previousState(history: readonly HistoryEntry[], dialect: KitDialectName): { prev: Snapshot; prevIds: string[] } {
  const broken = history.find((h) => h.snapshot === undefined);
  if (broken !== undefined) throw new KitError(`cannot tell the current schema: migration ${broken.entry.name} has ${broken.problem ?? 'no snapshot'}`);
  const snapshots = history.map((h) => h.snapshot!);
  for (const [i, s] of snapshots.entries()) {
    if (s.dialect !== dialect) throw new KitError(`migration ${history[i]!.entry.name} is for ${s.dialect}, but the config's dialect is ${dialect}`);
  }
  const heads = headsOf(snapshots);
  const newest = heads.at(-1);
  if (newest === undefined) return { prev: emptySnapshot(dialect), prevIds: [] };
  return { prev: newest, prevIds: heads.map((h) => h.id) };
}
