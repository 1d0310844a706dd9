/**
 * The runner's safety features on every driver: migrations outside a transaction, failures
 * recorded per statement and resolved, edited migrations refused, rollback with down.sql, and
 * tracking tables written before the state columns existed.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/kit/migrations/folder.js';
import type { DownMigration, MigrationEntry } from '../../src/kit/migrations/types.js';
import { ResolveError } from '../../src/kit/runner-errors.js';
import { resolveMigration } from '../../src/kit/runner-resolve.js';
import { rollbackMigrations } from '../../src/kit/runner-rollback.js';
import { MigrationChangedError, MigrationError, migrationStatus, RollbackError, runMigrations, UnresolvedMigrationError, type MigrationSession } from '../../src/kit/runner.js';
import { behaviourTargets, byDialect, openBehaviourTarget, sqlFor, type BehaviourTarget } from '../support/behaviour.js';
import { runnerSessions, writeFolderMigration } from './support/migration-folders.js';

const BREAK = '\n--> statement-breakpoint\n';

/** A down.sql as the folder reader makes it, written here directly so these tests need no generator. */
function down(statements: string[], marks: { destructive?: string[]; irreversible?: boolean; transaction?: boolean } = {}): DownMigration {
  return {
    sql: statements.join(BREAK),
    statements,
    path: '/m/down.sql',
    transaction: marks.transaction ?? true,
    irreversible: marks.irreversible ?? false,
    destructive: (marks.destructive ?? []).map((reason, i) => ({ statement: statements[i] ?? '', reason })),
  };
}

for (const { name, dialect } of behaviourTargets()) {
  describe(`runner safety on ${name}`, () => {
    let target: BehaviourTarget;
    let session: MigrationSession;
    let dir: string;
    const q = (pgText: string) => sqlFor(dialect, pgText);
    const stepwise = dialect === 'mysql';

    beforeEach(async () => {
      target = await openBehaviourTarget(name);
      const db = (await target.open()) as unknown as { $client: never };
      session = runnerSessions[name]!(db.$client);
      dir = mkdtempSync(join(tmpdir(), 'sluice-safety-'));
    });
    afterEach(async () => {
      await target.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const folder = (migration: string, sql: string) => writeFolderMigration(dir, migration, sql);
    const count = async (table: string) => Number((await session.query<{ n: unknown }>(q(`select count(*) as n from "${table}"`)))[0]!.n);
    async function tableExists(table: string): Promise<boolean> {
      const sql = byDialect(dialect, {
        pg: `select count(*) as n from information_schema.tables where table_schema = 'public' and table_name = '${table}'`,
        mysql: `select count(*) as n from information_schema.tables where table_schema = database() and table_name = '${table}'`,
        sqlite: `select count(*) as n from sqlite_master where type = 'table' and name = '${table}'`,
      });
      return Number((await session.query<{ n: unknown }>(sql))[0]!.n) > 0;
    }

    it('runs a `-- sluice:no-transaction` migration outside a transaction and records it', async () => {
      folder('20261101000000_t', q('create table "t" (id int)'));
      // Each of these fails inside a transaction block.
      const body = byDialect(dialect, { pg: 'create index concurrently "t_id_idx" on "t" (id)', sqlite: 'VACUUM', mysql: 'create index `t_id_idx` on `t` (id)' });
      folder('20261102000000_index', `-- sluice:no-transaction\n${body}`);
      const entries = readMigrations(dir);
      expect(entries.map((e) => e.transaction)).toEqual([true, false]);
      expect((await runMigrations(session, entries, {})).applied).toEqual(['20261101000000_t', '20261102000000_index']);
      expect(await migrationStatus(session, readMigrations(dir), {})).toEqual({ applied: ['20261101000000_t', '20261102000000_index'], changed: [], failed: [], pending: [], unknown: [] });
      if (dialect === 'pg') expect(await session.query(`select indexname from pg_indexes where tablename = 't'`)).toEqual([{ indexname: 't_id_idx' }]);
    });

    it(`records a migration failing part way${stepwise ? '' : ' outside a transaction'} as failed, refuses to go on, and completes after resolve`, async () => {
      folder('20261101000000_t', q('create table "t" (id int)'));
      const first = q('create table "half" (id int)');
      const bad = q('insert into "missing" (id) values (1)');
      const prefix = stepwise ? '' : '-- sluice:no-transaction\n';
      folder('20261102000000_broken', `${prefix}${first}${BREAK}${bad}`);
      folder('20261103000000_after', q('create table "after" (id int)'));

      const error = await runMigrations(session, readMigrations(dir), {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).statementsDone).toBe(1);
      expect((error as Error).message).toContain('Migration 20261102000000_broken failed at statement 2 of 2');
      expect((error as Error).message).toContain('sluice migrate resolve 20261102000000_broken --applied');
      expect(await tableExists('half')).toBe(true);
      expect(await tableExists('after')).toBe(false);

      const status = await migrationStatus(session, readMigrations(dir), {});
      expect(status.applied).toEqual(['20261101000000_t']);
      expect(status.pending).toEqual(['20261103000000_after']);
      expect(status.failed).toEqual([{ name: '20261102000000_broken', state: 'failed', statementsDone: 1, statements: 2, error: expect.stringContaining('statement 2 of 2: ') }]);
      expect(status.failed[0]!.error).toContain(byDialect(dialect, { pg: 'relation "missing" does not exist', sqlite: 'no such table: missing', mysql: "missing' doesn't exist" }));

      // Refused by name, before anything runs.
      const refused = await runMigrations(session, readMigrations(dir), {}).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(UnresolvedMigrationError);
      expect((refused as Error).message).toContain('Migration 20261102000000_broken failed after 1 statement');
      expect(await tableExists('after')).toBe(false);

      // Fixed by hand: the half-made table dropped, the file corrected; then recorded as rolled back.
      await target.exec(q('drop table "half"'));
      folder('20261102000000_broken', `${prefix}${first}${BREAK}${q('insert into "half" (id) values (1)')}`);
      await resolveMigration(session, readMigrations(dir), '20261102000000_broken', 'rolled-back');
      expect((await migrationStatus(session, readMigrations(dir), {})).pending).toEqual(['20261102000000_broken', '20261103000000_after']);
      expect((await runMigrations(session, readMigrations(dir), {})).applied).toEqual(['20261102000000_broken', '20261103000000_after']);
      expect(await count('half')).toBe(1);
      expect(await tableExists('after')).toBe(true);
    });

    it('resolve --applied records the fixed migration with its current hash; resolve refuses what is not failed', async () => {
      const prefix = stepwise ? '' : '-- sluice:no-transaction\n';
      folder('20261101000000_broken', `${prefix}${q('create table "a" (id int)')}${BREAK}${q('insert into "nope" values (1)')}`);
      await runMigrations(session, readMigrations(dir), {}).catch(() => undefined);
      await expect(resolveMigration(session, readMigrations(dir), '20261101000000_nothing', 'applied')).rejects.toThrow(
        new ResolveError('Migration 20261101000000_nothing has no record in the tracking table, so there is nothing to resolve. Recorded as failed: 20261101000000_broken.'),
      );
      // Finished by hand, and the file made to say what was done.
      const fixed = `${prefix}${q('create table "a" (id int)')}${BREAK}${q('insert into "a" values (1)')}`;
      await target.exec(q('insert into "a" values (1)'));
      folder('20261101000000_broken', fixed);
      await resolveMigration(session, readMigrations(dir), '20261101000000_broken', 'applied');
      expect(await migrationStatus(session, readMigrations(dir), {})).toEqual({ applied: ['20261101000000_broken'], changed: [], failed: [], pending: [], unknown: [] });
      expect((await runMigrations(session, readMigrations(dir), {})).applied).toEqual([]);
      expect(await count('a')).toBe(1);
      await expect(resolveMigration(session, readMigrations(dir), '20261101000000_broken', 'rolled-back')).rejects.toThrow(
        'Migration 20261101000000_broken is recorded as applied, not failed: there is nothing to resolve. No migration is recorded as failed.',
      );
    });

    it('refuses an applied migration that was edited, by name, until allowChanged', async () => {
      folder('20261101000000_t', q('create table "t" (id int)'));
      await runMigrations(session, readMigrations(dir), {});
      folder('20261101000000_t', q('create table "t" (id int, v int)'));
      folder('20261102000000_u', `${q('create table "u" (id int)')}\n`);
      const error = await runMigrations(session, readMigrations(dir), {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationChangedError);
      expect((error as Error).message).toContain('Migration 20261101000000_t changed after it was applied');
      expect(await tableExists('u')).toBe(false);
      expect(await migrationStatus(session, readMigrations(dir), {})).toEqual({ applied: [], changed: ['20261101000000_t'], failed: [], pending: ['20261102000000_u'], unknown: [] });
      expect((await runMigrations(session, readMigrations(dir), { allowChanged: true })).applied).toEqual(['20261102000000_u']);
      // Line endings alone are not an edit (a Windows checkout of the same file).
      writeFileSync(join(dir, '20261102000000_u', 'migration.sql'), `${q('create table "u" (id int)')}\r\n`);
      expect((await migrationStatus(session, readMigrations(dir), {})).applied).toEqual(['20261102000000_u']);
    });

    describe('rollback', () => {
      const M1 = '20261101000000_a';
      const M2 = '20261102000000_b';
      const M3 = '20261103000000_c';
      async function applyThree(): Promise<MigrationEntry[]> {
        folder(M1, q('create table "a" (id int)'));
        folder(M2, q('create table "b" (id int)'));
        folder(M3, q('alter table "a" add column "v" int'));
        const entries = readMigrations(dir);
        entries[0]!.down = down([q('drop table "a"')], { destructive: ['drops table a'] });
        entries[1]!.down = down([q('drop table "b"')], { destructive: ['drops table b'] });
        entries[2]!.down = down([q('alter table "a" drop column "v"')]);
        await runMigrations(session, entries, {});
        return entries;
      }
      const columnsOfA = async () =>
        (
          await session.query<{ name: string }>(
            byDialect(dialect, {
              pg: `select column_name as name from information_schema.columns where table_name = 'a' order by ordinal_position`,
              mysql: `select column_name as name from information_schema.columns where table_schema = database() and table_name = 'a' order by ordinal_position`,
              sqlite: `select name from pragma_table_info('a')`,
            }),
          )
        ).map((r) => r.name);

      it('undoes the latest migration and removes its record; migrate applies it again', async () => {
        const entries = await applyThree();
        const undone: string[] = [];
        expect(await rollbackMigrations(session, entries, { onMigration: (n) => undone.push(n) })).toEqual({ rolledBack: [M3] });
        expect(undone).toEqual([M3]);
        expect(await columnsOfA()).toEqual(['id']);
        expect((await migrationStatus(session, entries, {})).pending).toEqual([M3]);
        expect((await runMigrations(session, entries, {})).applied).toEqual([M3]);
        expect(await columnsOfA()).toEqual(['id', 'v']);
      });

      it('refuses destructive steps without force, changing nothing; --to rolls back to a migration that stays', async () => {
        const entries = await applyThree();
        const refused = await rollbackMigrations(session, entries, { to: M1 }).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(RollbackError);
        expect((refused as Error).message).toBe(`Rollback refused, nothing was changed: these steps lose data or cannot be undone as written. Run with --force (force: true) to accept them.\n  ${M2}: drops table b`);
        expect(await columnsOfA()).toEqual(['id', 'v']);
        expect((await migrationStatus(session, entries, {})).applied).toEqual([M1, M2, M3]);
        expect(await rollbackMigrations(session, entries, { to: M1, force: true })).toEqual({ rolledBack: [M3, M2] });
        expect(await tableExists('b')).toBe(false);
        expect(await tableExists('a')).toBe(true);
        expect((await migrationStatus(session, entries, {})).applied).toEqual([M1]);
      });

      it('refuses, naming why: an irreversible down.sql, a missing one, too many steps, an unknown --to', async () => {
        const entries = await applyThree();
        entries[2]!.down = down([], { irreversible: true });
        await expect(rollbackMigrations(session, entries, {})).rejects.toThrow(`${M3}: down.sql is marked -- sluice:irreversible`);
        entries[2]!.down = undefined;
        await expect(rollbackMigrations(session, entries, {})).rejects.toThrow(`Migration ${M3} has no down.sql`);
        await expect(rollbackMigrations(session, entries, { steps: 4 })).rejects.toThrow('Cannot roll back 4 migrations: only 3 are applied');
        await expect(rollbackMigrations(session, entries, { to: '20261109000000_x' })).rejects.toThrow('Migration 20261109000000_x is not applied');
        await expect(rollbackMigrations(session, entries, { steps: 0 })).rejects.toThrow('steps must be a whole number of at least 1');
        expect((await migrationStatus(session, entries, {})).applied).toEqual([M1, M2, M3]);
      });

      it(`a failing down.sql ${stepwise ? 'marks the migration failed (MySQL commits DDL)' : 'rolls back and leaves the migration applied'}`, async () => {
        const entries = await applyThree();
        entries[2]!.down = down([q('alter table "a" drop column "v"'), q('drop table "nowhere"')]);
        const error = await rollbackMigrations(session, entries, {}).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MigrationError);
        expect((error as MigrationError).migration).toBe(M3);
        const status = await migrationStatus(session, entries, {});
        if (stepwise) {
          expect(status.failed).toEqual([{ name: M3, state: 'failed', statementsDone: 1, statements: 1, error: expect.stringContaining('rollback failed at down.sql statement 2 of 2') }]);
          expect(await columnsOfA()).toEqual(['id']);
        } else {
          expect(status.applied).toEqual([M1, M2, M3]);
          expect(await columnsOfA()).toEqual(['id', 'v']);
        }
      });
    });

    it('adds the state columns to a tracking table written before they existed, keeping its rows applied', async () => {
      const ours = dialect === 'pg' ? '"sluice"."__sluice_migrations"' : q('"__sluice_migrations"');
      const old = byDialect(dialect, {
        pg: 'create schema sluice; create table sluice.__sluice_migrations (id serial primary key, name text not null unique, hash text not null, created_at bigint not null, applied_at timestamptz not null default now())',
        mysql:
          'create table `__sluice_migrations` (id bigint unsigned not null auto_increment primary key, name varchar(255) not null unique, hash varchar(64) not null, created_at bigint not null, applied_at timestamp not null default current_timestamp)',
        sqlite: 'create table "__sluice_migrations" (id integer primary key autoincrement, name text not null unique, hash text not null, created_at integer not null, applied_at text not null default current_timestamp)',
      });
      await target.exec(old);
      const sql = q('create table "t" (id int)');
      folder('20261101000000_t', sql);
      folder('20261102000000_u', q('create table "u" (id int)'));
      await target.exec(sql);
      await target.exec(`insert into ${ours} (name, hash, created_at) values ('20261101000000_t', '${createHash('sha256').update(sql).digest('hex')}', 1)`);
      expect((await runMigrations(session, readMigrations(dir), {})).applied).toEqual(['20261102000000_u']);
      const rows = await session.query<{ name: string; state: unknown }>(`select name, state from ${ours} order by id`);
      expect(rows).toEqual([
        { name: '20261101000000_t', state: null },
        { name: '20261102000000_u', state: null },
      ]);
    });
  });
}
