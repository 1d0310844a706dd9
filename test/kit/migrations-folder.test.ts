import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationFolderError, readMigrations, splitStatements, writeMigration } from '../../src/kit/migrations/folder.js';
import type { Snapshot } from '../../src/kit/model.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-folder-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function snapshot(id: string): Snapshot {
  return { version: '1', dialect: 'postgresql', id, prevIds: [], schemas: [], enums: [], sequences: [], tables: [], views: [], roles: [] };
}

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

function journal(entries: { tag: string; when: number }[]): void {
  write(join(dir, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries: entries.map((e, idx) => ({ idx, version: '7', when: e.when, tag: e.tag, breakpoints: true })) }));
}

describe('readMigrations', () => {
  it('reads our folders in name order, with statements, hash, timestamp and snapshot', () => {
    const second = 'create table "b" (id int);\n--> statement-breakpoint\n  insert into "b" values (1);  \n--> statement-breakpoint\n\n';
    write(join(dir, '20261130120500_second', 'migration.sql'), second);
    write(join(dir, '20261130120500_second', 'snapshot.json'), JSON.stringify(snapshot('s2')));
    write(join(dir, '20261130120000_first', 'migration.sql'), 'create table "a" (id int);');
    write(join(dir, '20261130120000_first', 'snapshot.json'), JSON.stringify(snapshot('s1')));
    const entries = readMigrations(dir);
    expect(entries.map((e) => e.name)).toEqual(['20261130120000_first', '20261130120500_second']);
    const [first, b] = entries;
    expect(first!.format).toBe('sluice');
    expect(first!.createdAt).toBe(Date.UTC(2026, 10, 30, 12, 0, 0));
    expect(first!.snapshot?.id).toBe('s1');
    expect(b!.statements).toEqual(['create table "b" (id int);', 'insert into "b" values (1);']);
    expect(b!.sql).toBe(second);
    expect(b!.hash).toBe(sha(second));
    expect(b!.path).toBe(join(dir, '20261130120500_second', 'migration.sql'));
  });

  it('reads a drizzle-kit 0.x journal in journal order, named by tag, timed by "when"', () => {
    // Journal order wins over file-name order.
    journal([
      { tag: '0001_b', when: 1700000000000 },
      { tag: '0000_a', when: 1700000005000 },
    ]);
    write(join(dir, '0000_a.sql'), 'create table "a" (id int);');
    write(join(dir, '0001_b.sql'), 'create table "b" (id int);--> statement-breakpoint\ncreate index "i" on "b" (id);');
    write(join(dir, 'meta', '0000_snapshot.json'), '{"version":"7","dialect":"postgresql"}');
    const entries = readMigrations(dir);
    expect(entries.map((e) => [e.name, e.format, e.createdAt, e.snapshot])).toEqual([
      ['0001_b', 'drizzle-journal', 1700000000000, undefined],
      ['0000_a', 'drizzle-journal', 1700000005000, undefined],
    ]);
    expect(entries[0]!.statements).toEqual(['create table "b" (id int);', 'create index "i" on "b" (id);']);
    expect(entries[1]!.hash).toBe(sha('create table "a" (id int);'));
  });

  it('hashes CRLF files as their LF text, as drizzle-orm does', () => {
    journal([{ tag: '0000_a', when: 1 }]);
    write(join(dir, '0000_a.sql'), 'create table "a" (id int);\r\ncreate table "b" (id int);\r\n');
    expect(readMigrations(dir)[0]!.hash).toBe(sha('create table "a" (id int);\ncreate table "b" (id int);\n'));
  });

  it('reads drizzle-kit 1.0 folders as drizzle-folders without a snapshot', () => {
    write(join(dir, '20250101000000_init', 'migration.sql'), 'create table "a" (id int);');
    write(join(dir, '20250101000000_init', 'snapshot.json'), JSON.stringify({ version: '8', dialect: 'postgres', id: 'x', prevIds: [], ddl: [] }));
    const [e] = readMigrations(dir);
    expect(e).toMatchObject({ name: '20250101000000_init', format: 'drizzle-folders', snapshot: undefined, createdAt: Date.UTC(2025, 0, 1) });
  });

  it('puts journal entries first, then folders by name, in a folder that holds both', () => {
    journal([{ tag: '0000_old', when: 1800000000000 }]);
    write(join(dir, '0000_old.sql'), 'select 1;');
    write(join(dir, '20200101000000_new', 'migration.sql'), 'select 2;');
    write(join(dir, '20190101000000_newer_name_older_time', 'migration.sql'), 'select 3;');
    expect(readMigrations(dir).map((e) => e.name)).toEqual(['0000_old', '20190101000000_newer_name_older_time', '20200101000000_new']);
  });

  it('ignores directories that are not migrations, and an empty folder has none', () => {
    mkdirSync(join(dir, 'notes'));
    write(join(dir, 'README.md'), '# migrations');
    expect(readMigrations(dir)).toEqual([]);
  });

  it('names the file in every error', () => {
    expect(() => readMigrations(join(dir, 'missing'))).toThrow(`Migrations folder ${join(dir, 'missing')} does not exist`);

    journal([{ tag: '0000_gone', when: 1 }]);
    expect(() => readMigrations(dir)).toThrow(MigrationFolderError);
    expect(() => readMigrations(dir)).toThrow(`Cannot read migration file ${join(dir, '0000_gone.sql')}`);

    write(join(dir, 'meta', '_journal.json'), '{ not json');
    expect(() => readMigrations(dir)).toThrow(`${join(dir, 'meta', '_journal.json')} is not valid JSON`);

    write(join(dir, 'meta', '_journal.json'), '{"entries":[{"tag":1}]}');
    expect(() => readMigrations(dir)).toThrow('entry 0 needs a string "tag" and a number "when"');

    write(join(dir, 'meta', '_journal.json'), '{"version":"7"}');
    expect(() => readMigrations(dir)).toThrow('has no "entries" array');
    rmSync(join(dir, 'meta'), { recursive: true });

    mkdirSync(join(dir, '20260101000000_empty'));
    expect(() => readMigrations(dir)).toThrow(`Cannot read migration file ${join(dir, '20260101000000_empty', 'migration.sql')}`);

    write(join(dir, '20260101000000_empty', 'migration.sql'), 'select 1;');
    write(join(dir, '20260101000000_empty', 'snapshot.json'), '[broken');
    expect(() => readMigrations(dir)).toThrow(`${join(dir, '20260101000000_empty', 'snapshot.json')} is not valid JSON`);
  });

  it('rejects a migration that is both a journal entry and a folder', () => {
    journal([{ tag: '20260101000000_x', when: 1 }]);
    write(join(dir, '20260101000000_x.sql'), 'select 1;');
    write(join(dir, '20260101000000_x', 'migration.sql'), 'select 1;');
    expect(() => readMigrations(dir)).toThrow('Migration 20260101000000_x appears twice');
  });
});

describe('splitStatements', () => {
  it('splits on the breakpoint marker, trims, and drops empty pieces', () => {
    expect(splitStatements('a;\n--> statement-breakpoint\n\n--> statement-breakpoint\n b; ')).toEqual(['a;', 'b;']);
    expect(splitStatements('   ')).toEqual([]);
  });
});

describe('writeMigration', () => {
  it('names the folder by UTC time and writes the SQL as given and the snapshot', () => {
    const now = new Date(Date.UTC(2026, 10, 30, 9, 5, 7, 450));
    const path = writeMigration(join(dir, 'out'), { name: 'add_users', sql: 'create table "u" (id int);\n', snapshot: snapshot('s1'), now });
    expect(path).toBe(join(dir, 'out', '20261130090507_add_users'));
    expect(readFileSync(join(path, 'migration.sql'), 'utf8')).toBe('create table "u" (id int);\n');
    expect(JSON.parse(readFileSync(join(path, 'snapshot.json'), 'utf8'))).toEqual(snapshot('s1'));
    const [read] = readMigrations(join(dir, 'out'));
    expect(read).toMatchObject({ name: '20261130090507_add_users', format: 'sluice', createdAt: Date.UTC(2026, 10, 30, 9, 5, 7) });
    expect(read!.snapshot?.id).toBe('s1');
  });

  it('takes the next free second when the folder exists, so order is kept', () => {
    const now = new Date(Date.UTC(2026, 0, 1, 0, 0, 59));
    const a = writeMigration(dir, { name: 'a', sql: 'select 1;', snapshot: snapshot('1'), now });
    const b = writeMigration(dir, { name: 'b', sql: 'select 2;', snapshot: snapshot('2'), now });
    const c = writeMigration(dir, { name: 'a', sql: 'select 3;', snapshot: snapshot('3'), now });
    expect([a, b, c].map((p) => p.slice(dir.length + 1))).toEqual(['20260101000059_a', '20260101000100_b', '20260101000101_a']);
    expect(readdirSync(dir).sort()).toEqual(['20260101000059_a', '20260101000100_b', '20260101000101_a']);
    expect(readMigrations(dir).map((e) => e.sql)).toEqual(['select 1;', 'select 2;', 'select 3;']);
  });

  it('rejects a name that is not a plain folder name', () => {
    expect(() => writeMigration(dir, { name: '../escape', sql: '', snapshot: snapshot('1') })).toThrow('Migration name "../escape" may only hold');
  });
});

describe('down.sql', () => {
  const up = 'alter table "users" add column "bio" text;\n';

  it('is written when given, and read into the entry: statements, transaction, markers', () => {
    const down = [
      '-- sluice:destructive drops column bio of users and its values',
      'ALTER TABLE "users" DROP COLUMN "bio";',
      '--> statement-breakpoint',
      'ALTER TABLE "users" RENAME COLUMN "full_name" TO "name";',
      '--> statement-breakpoint',
      '-- sluice:destructive drops table tags and its rows',
      '',
      'DROP TABLE "tags";',
      '',
    ].join('\n');
    const path = writeMigration(dir, { name: 'add_bio', sql: up, down, snapshot: snapshot('1'), now: new Date(Date.UTC(2026, 0, 1)) });
    expect(readFileSync(join(path, 'down.sql'), 'utf8')).toBe(down);
    const [entry] = readMigrations(dir);
    expect(entry!.down).toEqual({
      sql: down,
      path: join(path, 'down.sql'),
      statements: [
        '-- sluice:destructive drops column bio of users and its values\nALTER TABLE "users" DROP COLUMN "bio";',
        'ALTER TABLE "users" RENAME COLUMN "full_name" TO "name";',
        '-- sluice:destructive drops table tags and its rows\n\nDROP TABLE "tags";',
      ],
      transaction: true,
      irreversible: false,
      destructive: [
        { statement: 'ALTER TABLE "users" DROP COLUMN "bio";', reason: 'drops column bio of users and its values' },
        { statement: 'DROP TABLE "tags";', reason: 'drops table tags and its rows' },
      ],
    });
  });

  it('leaves the entry without a down when the folder has none, and ours without breakpoints still finds each marked statement', () => {
    writeMigration(dir, { name: 'a', sql: up, snapshot: snapshot('1'), now: new Date(Date.UTC(2026, 0, 1)) });
    const down = '-- sluice:no-transaction\n-- sluice:destructive loses b\nalter table "t"\n  drop column "b";\nselect 1;\n';
    writeMigration(dir, { name: 'b', sql: up, down, snapshot: snapshot('2'), now: new Date(Date.UTC(2026, 0, 2)) });
    const [a, b] = readMigrations(dir);
    expect(a!.down).toBeUndefined();
    expect(b!.down).toMatchObject({ statements: [down.trim()], transaction: false, destructive: [{ statement: 'alter table "t"\n  drop column "b";', reason: 'loses b' }] });
  });

  it('reads the irreversible marker anywhere in the file', () => {
    writeMigration(dir, { name: 'a', sql: up, down: 'select 1;\n  -- SLUICE:IRREVERSIBLE until someone writes the undo\n', snapshot: snapshot('1') });
    expect(readMigrations(dir)[0]!.down).toMatchObject({ irreversible: true, statements: ['select 1;\n  -- SLUICE:IRREVERSIBLE until someone writes the undo'] });
  });

  it('rejects a destructive marker with no statement after it, naming the file and line', () => {
    const path = writeMigration(dir, { name: 'a', sql: up, down: 'select 1;\n--> statement-breakpoint\n-- sluice:destructive drops it\n-- just a note\n--> statement-breakpoint\nselect 2;\n', snapshot: snapshot('1') });
    expect(() => readMigrations(dir)).toThrow(MigrationFolderError);
    expect(() => readMigrations(dir)).toThrow(`${join(path, 'down.sql')}:3: "-- sluice:destructive drops it" marks no statement: a statement must follow it`);
  });

  it('is no part of the hash: editing down.sql leaves the migration as applied', () => {
    const path = writeMigration(dir, { name: 'a', sql: up, down: '-- sluice:irreversible\n', snapshot: snapshot('1') });
    const before = readMigrations(dir)[0]!;
    writeFileSync(join(path, 'down.sql'), 'alter table "users" drop column "bio";\n');
    const after = readMigrations(dir)[0]!;
    expect(after.hash).toBe(before.hash);
    expect(after.hash).toBe(sha(up));
    expect(after.down).toMatchObject({ irreversible: false, statements: ['alter table "users" drop column "bio";'] });
  });
});
