/** Global setup of `npm run test:stress`: starts an empty figures file and prints it at the end. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figure } from './figures.js';

export default function setup(): () => void {
  // The workers inherit this, so every suite appends to the one file of this run.
  process.env.SLUICE_STRESS_RUN = String(process.pid);
  const file = join(tmpdir(), `sluice-stress-figures-${process.pid}.jsonl`);
  rmSync(file, { force: true });
  return () => {
    if (!existsSync(file)) return;
    const figures = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Figure);
    const width = Math.max(...figures.map((f) => f.what.length));
    console.log('\nsluice stress figures');
    for (const f of figures) console.log(`  ${f.what.padEnd(width)}  ${f.value}`);
    rmSync(file, { force: true });
  };
}
