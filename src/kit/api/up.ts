import { existsSync } from 'node:fs';
import { KitError } from '../config-errors.js';
import type { ResolvedConfig } from '../config-validate.js';

export interface UpResult {
  /** Each converted migration: drizzle-kit's tag and the folder it became. */
  converted: { from: string; to: string }[];
}

interface UpgradeModule {
  upgradeFolder(dir: string, options?: Record<string, unknown>): UpResult;
}

// Kept as a variable so the type checker does not need the module before the drizzle adoption
// part is in; the shape above is that part's contract.
const upgradeModule = '../migrations/upgrade.js';

/**
 * Converts a drizzle-kit 0.x migrations folder (journal, `NNNN_tag.sql`, `meta/` snapshots) into
 * sluice's folder-per-migration layout, keeping each SQL file byte for byte.
 *
 * @example
 * const { converted } = await up(await loadConfig());
 */
export async function up(config: ResolvedConfig): Promise<UpResult> {
  if (!existsSync(config.out)) throw new KitError(`migrations folder not found: ${config.out}`);
  const { upgradeFolder } = (await import(upgradeModule)) as UpgradeModule;
  return upgradeFolder(config.out);
}
