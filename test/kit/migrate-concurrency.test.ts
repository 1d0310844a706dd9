/**
 * Four `sluice migrate` processes started together, as replicas of a deploy start them, on the
 * PostgreSQL server, MariaDB and a SQLite file: each migration is applied exactly once, including
 * one that works for a second and one that runs outside a transaction. The test holds the run
 * lock while the processes start, so all four are waiting (and say so) before any can begin.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFolderMigration } from './support/migration-folders.js';
import { lockTargets, type LockDatabase } from './support/lock-targets.js';

const root = resolve(import.meta.dirname, '../..');
const main = join(root, 'dist/kit/cli/main.js');
const BREAK = '\n--> statement-breakpoint\n';
const PROCESSES = 4;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `sluice migrate`; `seen` reports its output as it arrives. */
function startMigrate(cwd: string, seen: (text: string) => void): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [main, 'migrate', '--lock-timeout', '120'], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      seen(d.toString());
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A statement that keeps the database busy for about a second. */
function workForASecond(dialect: LockDatabase['dialect']): string[] {
  if (dialect === 'postgresql') return ['select pg_sleep(1)'];
  if (dialect === 'mysql') return ['do sleep(1)'];
  // SQLite has no sleep: fill a table from a recursive count instead.
  return ['create table busy (x int)', 'insert into busy with recursive c(x) as (select 1 union all select x + 1 from c where x < 1500000) select x from c'];
}

beforeAll(() => {
  if (!existsSync(main)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
}, 120_000);

for (const target of lockTargets) {
  describe(`${PROCESSES} sluice migrate processes at once on ${target.name}`, () => {
    let db: LockDatabase | undefined;
    let dir: string | undefined;
    afterEach(async () => {
      await db?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('apply every migration exactly once, the sleeping one and the one outside a transaction included', async () => {
      db = await target.create();
      dir = mkdtempSync(join(tmpdir(), 'sluice-concurrent-'));
      const dialect = db.dialect;
      writeFileSync(join(dir, 'schema.ts'), 'export {};\n');
      writeFileSync(
        join(dir, 'sluice.config.ts'),
        `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: '${dialect}', schema: './schema.ts', out: './migrations', dbCredentials: ${JSON.stringify(db.credentials)} });\n`,
      );
      const out = join(dir, 'migrations');
      const log = (name: string) => `insert into applied_log (name) values ('${name}')`;
      writeFolderMigration(out, '20261101000000_log', ['create table applied_log (name varchar(64) not null)', log('log')].join(BREAK));
      writeFolderMigration(out, '20261102000000_slow', [...workForASecond(dialect), log('slow')].join(BREAK));
      const index = dialect === 'postgresql' ? 'create index concurrently applied_log_name on applied_log (name)' : 'create index applied_log_name on applied_log (name)';
      writeFolderMigration(out, '20261103000000_outside', `-- sluice:no-transaction\n${[index, log('outside')].join(BREAK)}`);
      writeFolderMigration(out, '20261104000000_last', log('last'));

      const release = await db.holdLock();
      let waiting = 0;
      let released = false;
      let allWaiting: () => void = () => undefined;
      const everyoneWaits = new Promise<void>((r) => (allWaiting = r));
      const runs = Array.from({ length: PROCESSES }, () =>
        startMigrate(dir!, (text) => {
          if (!released && /^waiting /m.test(text) && ++waiting === PROCESSES) allWaiting();
        }),
      );
      try {
        await Promise.race([everyoneWaits, new Promise((r) => setTimeout(r, 60_000))]);
        expect(waiting).toBe(PROCESSES);
      } finally {
        released = true;
        await release();
      }
      const results = await Promise.all(runs);

      for (const run of results) expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
      const applying = results.flatMap((r) => [...r.stdout.matchAll(/^applying (\S+)$/gm)].map((m) => m[1]));
      expect(applying.sort()).toEqual(['20261101000000_log', '20261102000000_slow', '20261103000000_outside', '20261104000000_last']);
      const rows = await db.query<{ name: string }>('select name from applied_log order by name');
      expect(rows.map((r) => r.name)).toEqual(['last', 'log', 'outside', 'slow']);
      const tracking = dialect === 'postgresql' ? 'sluice.__sluice_migrations' : '__sluice_migrations';
      const recorded = await db.query<{ name: string; state: unknown }>(`select name, state from ${tracking} order by id`);
      expect(recorded).toEqual(['20261101000000_log', '20261102000000_slow', '20261103000000_outside', '20261104000000_last'].map((name) => ({ name, state: null })));
    }, 180_000);
  });
}
