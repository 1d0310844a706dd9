import type { ResolvedConfig } from '../config-validate.js';
import { emptySnapshot } from '../model.js';
import { headsOf, readHistory } from './history.js';

export interface CheckResult {
  ok: boolean;
  /** How many migrations were checked. */
  migrations: number;
  /** One line per problem, naming the migration. */
  errors: string[];
}

/**
 * Checks the out folder: every snapshot reads, every `prevIds` entry exists, ids are unique, and
 * the history has one head (two migrations made from the same parent on different branches need
 * a merge: `generate` writes one that lists both).
 *
 * @example
 * const { ok, errors } = check(await loadConfig());
 */
export function check(config: ResolvedConfig): CheckResult {
  const history = readHistory(config.out);
  const errors: string[] = [];
  const byId = new Map<string, string>();
  const root = emptySnapshot(config.dialect).id;
  for (const { entry, snapshot, problem } of history) {
    if (snapshot === undefined) {
      errors.push(`${entry.name}: ${problem ?? 'no snapshot'}`);
      continue;
    }
    if (snapshot.dialect !== config.dialect) errors.push(`${entry.name}: snapshot is for ${snapshot.dialect}, the config's dialect is ${config.dialect}`);
    const other = byId.get(snapshot.id);
    if (other !== undefined) errors.push(`${entry.name}: snapshot id ${snapshot.id} is also the id of ${other}`);
    else byId.set(snapshot.id, entry.name);
  }
  const named = history.filter((h) => h.snapshot !== undefined);
  for (const { entry, snapshot } of named) {
    for (const prevId of snapshot!.prevIds) {
      if (prevId !== root && !byId.has(prevId)) errors.push(`${entry.name}: its previous snapshot ${prevId} is not in the folder`);
    }
  }
  const snapshots = named.map((h) => h.snapshot!);
  const heads = headsOf(snapshots);
  if (heads.length > 1) {
    const nameOf = (id: string) => byId.get(id) ?? id;
    const children = new Map<string, string[]>();
    for (const s of snapshots) for (const p of s.prevIds) children.set(p, [...(children.get(p) ?? []), nameOf(s.id)]);
    const forks = [...children].filter(([, c]) => c.length > 1).map(([p, c]) => `${c.join(' and ')} both follow ${p === root ? 'the empty schema' : nameOf(p)}`);
    errors.push(`the history has ${heads.length} heads (${heads.map((h) => nameOf(h.id)).join(', ')}): ${forks.join('; ') || 'they share no parent'}. Run generate to write a merge migration.`);
  }
  return { ok: errors.length === 0, migrations: history.length, errors };
}
