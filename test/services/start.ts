/**
 * Global setup of `npm run test:services`: runs every `test/services/start-*.sh` in name order.
 * Each starts one server (installing it from Debian's packages when missing), waits until it
 * answers, and exits non-zero with the reason when it cannot.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export default function setup(): void {
  const dir = import.meta.dirname;
  for (const file of readdirSync(dir)
    .filter((f) => /^start-.*\.sh$/.test(f))
    .sort()) {
    execFileSync('bash', [join(dir, file)], { stdio: 'inherit' });
  }
}
