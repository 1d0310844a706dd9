import { existsSync } from 'node:fs';
import { KitError } from '../config-errors.js';
import type { ResolvedConfig } from '../config-validate.js';
import { upgradeFolder, type UpgradeResult } from '../migrations/upgrade.js';

export type UpResult = UpgradeResult;

/**
 * Converts a drizzle-kit 0.x migrations folder (journal, `NNNN_tag.sql`, `meta/` snapshots) into
 * sluice's folder-per-migration layout, keeping each SQL file byte for byte.
 *
 * @example
 * const { converted } = await up(await loadConfig());
 */
export async function up(config: ResolvedConfig): Promise<UpResult> {
  if (!existsSync(config.out)) throw new KitError(`migrations folder not found: ${config.out}`);
  return upgradeFolder(config.out);
}
