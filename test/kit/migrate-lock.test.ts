/**
 * The run lock in one process: a run that finds the lock taken says so once, waits, and goes on
 * when it is released; past its timeout it stops with nothing applied.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/kit/migrations/folder.js';
import { MigrationLockTimeoutError, runMigrations } from '../../src/kit/runner.js';
import { writeFolderMigration } from './support/migration-folders.js';
import { lockTargets, type LockDatabase } from './support/lock-targets.js';

for (const target of lockTargets) {
  describe(`run lock on ${target.name}`, () => {
    let db: LockDatabase;
    let dir: string;
    beforeEach(async () => {
      db = await target.create();
      dir = mkdtempSync(join(tmpdir(), 'sluice-lock-m-'));
      writeFolderMigration(dir, '20261101000000_t', 'create table t (id int)');
    });
    afterEach(async () => {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    });
    const tableCount = async () =>
      Number(
        (
          await db.query<{ n: unknown }>(
            db.dialect === 'sqlite'
              ? "select count(*) as n from sqlite_master where name = 't'"
              : `select count(*) as n from information_schema.tables where table_name = 't'${db.dialect === 'mysql' ? ' and table_schema = database()' : ''}`,
          )
        )[0]!.n,
      );

    it('stops after the lock timeout with nothing applied, having said once that it waits', async () => {
      const release = await db.holdLock();
      const { session, close } = await db.session();
      let waits = 0;
      const started = Date.now();
      try {
        const error = await runMigrations(session, readMigrations(dir), { lock: { timeoutMs: 400, onWait: () => waits++ } }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MigrationLockTimeoutError);
        expect((error as Error).message).toMatch(/^Another migration run held .* for 400 ms, longer than the lock timeout/);
      } finally {
        await release();
        await close();
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
      expect(waits).toBe(1);
      expect(await tableCount()).toBe(0);
    });

    it('waits for a lock held elsewhere and applies once it is released', async () => {
      const release = await db.holdLock();
      const { session, close } = await db.session();
      let waits = 0;
      try {
        const running = runMigrations(session, readMigrations(dir), { lock: { timeoutMs: 10_000, onWait: () => waits++ } });
        await new Promise((r) => setTimeout(r, 500));
        expect(waits).toBe(1);
        expect(await tableCount()).toBe(0);
        await release();
        expect((await running).applied).toEqual(['20261101000000_t']);
      } finally {
        await close();
      }
      expect(await tableCount()).toBe(1);
    });
  });
}
