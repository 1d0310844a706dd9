import { SluiceError } from '../core/errors.js';

/** The `transaction` of a session that is already inside one: migration sessions do not nest. */
export function nested(): never {
  throw new SluiceError('A migration session does not nest transactions');
}

/**
 * Runs `run` between `begin` and `commit` sent through `send` on one connection, and rolls back
 * when it throws. A rollback that fails is reported to `onRollbackFailure` (so a pool can discard
 * the connection) and the original error is thrown.
 */
export async function beginCommit<T>(send: (sql: string) => Promise<unknown>, run: () => Promise<T>, onRollbackFailure: () => void = () => undefined): Promise<T> {
  await send('begin');
  try {
    const result = await run();
    await send('commit');
    return result;
  } catch (e) {
    await send('rollback').catch(onRollbackFailure);
    throw e;
  }
}
