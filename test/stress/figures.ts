/**
 * Figures the stress suites measure (transfers, strings, faults, peak memory). Each is printed as
 * it is recorded and appended to a file the global setup reads, so `npm run test:stress` ends with
 * all of them in one table.
 */
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const figuresFile = join(tmpdir(), `sluice-stress-figures-${process.env.SLUICE_STRESS_RUN ?? 'local'}.jsonl`);

export interface Figure {
  /** The suite and case, e.g. `transfers / postgres (node-postgres)`. */
  what: string;
  /** The measurement, e.g. `10000 transfers, 1312 rolled back, total 1000000 unchanged`. */
  value: string;
}

/** Prints a figure and keeps it for the end-of-run table. */
export function figure(what: string, value: string): void {
  console.log(`[stress] ${what}: ${value}`);
  appendFileSync(figuresFile, `${JSON.stringify({ what, value } satisfies Figure)}\n`);
}

/** Peak resident memory of this process so far, in MiB. */
export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
