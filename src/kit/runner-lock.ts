import { SluiceError } from '../core/errors.js';

/**
 * How a migration run waits for the lock that lets one run at a time change a database: a deploy
 * that starts many replicas at once starts as many migration runs.
 */
export interface RunLockOptions {
  /** How long to wait for another run to finish, in milliseconds; default 5 minutes. */
  timeoutMs?: number | undefined;
  /** Called once when the lock is held by another run and this one starts waiting. */
  onWait?: (() => void) | undefined;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 300_000;

/** Another migration run held the lock longer than the timeout allowed. */
export class MigrationLockTimeoutError extends SluiceError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number, what = 'the migration lock of this database') {
    super(`Another migration run held ${what} for ${formatMs(timeoutMs)}, longer than the lock timeout; try again when it ends, or raise the timeout (--lock-timeout <seconds>, or lockTimeout in milliseconds)`);
    this.timeoutMs = timeoutMs;
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `attempt` until it returns something other than `false` (and returns that), calling `onWait` once after the first refusal, pausing
 * between tries (with jitter, so runners that started together do not retry in step), and
 * throws `MigrationLockTimeoutError` after the timeout. Polling rather than a blocking wait lets
 * every database say that the run is waiting, and keeps the timeout the same everywhere.
 */
export async function acquireWithin<T>(attempt: () => Promise<T | false>, lock: RunLockOptions | undefined, what?: string): Promise<T> {
  const timeoutMs = lock?.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  let got = await attempt();
  if (got !== false) return got;
  lock?.onWait?.();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (Date.now() >= deadline) throw new MigrationLockTimeoutError(timeoutMs, what);
    await sleep(Math.min(100 + Math.random() * 150, Math.max(1, deadline - Date.now())));
    got = await attempt();
    if (got !== false) return got;
  }
}
