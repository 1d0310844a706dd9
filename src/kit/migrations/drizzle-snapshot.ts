import type { Snapshot } from '../model.js';

// Contract placeholder, replaced by the implementation.

/** A drizzle-kit snapshot (0.x `meta/NNNN_snapshot.json` or 1.0 `snapshot.json`) in the kit's model. */
export function fromDrizzleSnapshot(json: unknown): Snapshot {
  void json;
  throw new Error('fromDrizzleSnapshot: not built yet');
}
