/**
 * The PostgreSQL DDL renderer's enum statements: create, add value (and what a transaction allows),
 * rename, move, drop, and recreating an enum that lost values with its columns converted.
 */
import { describe, expect, it } from 'vitest';
import { pgRender } from '../../src/dialects/pg/kit/ddl.js';
import type { Change, Statement } from '../../src/kit/changes.js';
import { column, enumModel, renderContext, table } from './support/model-builders.js';
import { ddlTargets, migrate, useDdlDatabase } from './support/pg-ddl-targets.js';

const render = (...changes: Change[]) => pgRender(changes, renderContext('postgresql'));
const sqlOf = (statements: Statement[]) => statements.map((s) => s.sql);

describe.each(ddlTargets)('pgRender enums on $name', ({ open }) => {
  const db = useDdlDatabase(open);

  const labels = async (schema: string, name: string) =>
    (
      await db.query<{ enumlabel: string }>(
        `select e.enumlabel from pg_enum e join pg_type t on t.oid = e.enumtypid join pg_namespace n on n.oid = t.typnamespace where n.nspname = '${schema}' and t.typname = '${name}' order by e.enumsortorder`,
      )
    ).map((r) => r.enumlabel);

  it('creates an enum and adds values at the end and before another', async () => {
    const mood = enumModel('mood', ['sad', 'happy']);
    const create = render({ kind: 'create_enum', enum: mood });
    expect(sqlOf(create)).toEqual([`CREATE TYPE "public"."mood" AS ENUM('sad', 'happy')`]);
    await migrate(db, create);
    const add = render({ kind: 'add_enum_value', enum: mood, value: 'ok', before: 'happy' }, { kind: 'add_enum_value', enum: mood, value: 'ecstatic', before: undefined });
    expect(sqlOf(add)).toEqual([`ALTER TYPE "public"."mood" ADD VALUE 'ok' BEFORE 'happy'`, `ALTER TYPE "public"."mood" ADD VALUE 'ecstatic'`]);
    await migrate(db, add);
    expect(await labels('public', 'mood')).toEqual(['sad', 'ok', 'happy', 'ecstatic']);
  });

  it('adds a value inside a transaction, but the value cannot be used before the transaction commits', async () => {
    const mood = enumModel('mood', ['sad', 'happy']);
    await migrate(db, render({ kind: 'create_enum', enum: mood }, { kind: 'create_table', table: table('people', [column('mood', 'mood', { typeSchema: 'public' })]) }));
    const add = render({ kind: 'add_enum_value', enum: mood, value: 'ok', before: undefined });
    const useIt: Statement = { sql: `INSERT INTO "people" ("mood") VALUES ('ok')` };
    await expect(migrate(db, [...add, useIt])).rejects.toThrow(/unsafe use of new value "ok"/);
    // The failed migration rolled back whole: the value is not there.
    expect(await labels('public', 'mood')).toEqual(['sad', 'happy']);
    // Committed in one migration, used in the next: fine.
    await migrate(db, add);
    await migrate(db, [useIt]);
    expect(await db.query(`select "mood"::text from "people"`)).toEqual([{ mood: 'ok' }]);
  });

  it('renames, moves and drops an enum', async () => {
    const mood = enumModel('mood', ['a', 'b']);
    await migrate(db, render({ kind: 'create_schema', name: 'app' }, { kind: 'create_enum', enum: mood }));
    const rename = render({ kind: 'rename_enum', from: mood, to: enumModel('feeling', ['a', 'b']) });
    expect(sqlOf(rename)).toEqual([`ALTER TYPE "public"."mood" RENAME TO "feeling"`]);
    await migrate(db, rename);
    const moved = enumModel('feeling', ['a', 'b'], 'app');
    const move = render({ kind: 'move_enum', enum: moved, fromSchema: 'public' });
    expect(sqlOf(move)).toEqual([`ALTER TYPE "public"."feeling" SET SCHEMA "app"`]);
    await migrate(db, move);
    expect(await labels('app', 'feeling')).toEqual(['a', 'b']);
    // A rename across schemas is a rename then a move.
    const both = render({ kind: 'rename_enum', from: moved, to: enumModel('mood', ['a', 'b']) });
    expect(sqlOf(both)).toEqual([`ALTER TYPE "app"."feeling" RENAME TO "mood"`, `ALTER TYPE "app"."mood" SET SCHEMA "public"`]);
    // A move listed after that rename is already done.
    expect(sqlOf(render({ kind: 'rename_enum', from: moved, to: enumModel('mood', ['a', 'b']) }, { kind: 'move_enum', enum: enumModel('mood', ['a', 'b']), fromSchema: 'app' }))).toEqual(sqlOf(both));
    await migrate(db, both);
    expect(await labels('public', 'mood')).toEqual(['a', 'b']);
    const drop = render({ kind: 'drop_enum', enum: mood });
    expect(sqlOf(drop)).toEqual([`DROP TYPE "public"."mood"`]);
    await migrate(db, drop);
    expect(await labels('public', 'mood')).toEqual([]);
  });

  it('recreates an enum that lost a value, converting columns (with defaults and arrays) and keeping their data', async () => {
    const from = enumModel('mood', ['sad', 'meh', 'happy'], 'app');
    const to = enumModel('mood', ['happy', 'sad'], 'app');
    const moodCol = column('mood', 'mood', { typeSchema: 'app', notNull: true, default: `'sad'` });
    const historyCol = column('history', 'mood[]', { typeSchema: 'app' });
    const people = table('people', [column('id', 'integer'), moodCol, historyCol], { schema: 'app' });
    await migrate(db, render({ kind: 'create_schema', name: 'app' }, { kind: 'create_enum', enum: from }, { kind: 'create_table', table: people }));
    expect(sqlOf(render({ kind: 'create_table', table: people }))).toEqual([`CREATE TABLE "app"."people" (\n\t"id" integer,\n\t"mood" "app"."mood" DEFAULT 'sad' NOT NULL,\n\t"history" "app"."mood"[]\n)`]);
    await db.query(`insert into app.people values (1, 'happy', '{sad,happy}'), (2, default, null)`);

    const ref = { schema: 'app', name: 'people' };
    const recreate = render({
      kind: 'recreate_enum',
      from,
      to,
      columns: [
        { table: ref, column: moodCol },
        { table: ref, column: historyCol },
      ],
    });
    expect(recreate).toEqual([
      { sql: `CREATE TYPE "app"."mood__sluice_new" AS ENUM('happy', 'sad')`, destructive: `recreates enum mood; rows holding 'meh' make the conversion fail` },
      { sql: `ALTER TABLE "app"."people" ALTER COLUMN "mood" DROP DEFAULT` },
      { sql: `ALTER TABLE "app"."people" ALTER COLUMN "mood" SET DATA TYPE "app"."mood__sluice_new" USING "mood"::text::"app"."mood__sluice_new"` },
      { sql: `ALTER TABLE "app"."people" ALTER COLUMN "history" SET DATA TYPE "app"."mood__sluice_new"[] USING "history"::text[]::"app"."mood__sluice_new"[]` },
      { sql: `DROP TYPE "app"."mood"` },
      { sql: `ALTER TYPE "app"."mood__sluice_new" RENAME TO "mood"` },
      { sql: `ALTER TABLE "app"."people" ALTER COLUMN "mood" SET DEFAULT 'sad'` },
    ]);
    await migrate(db, recreate);
    expect(await labels('app', 'mood')).toEqual(['happy', 'sad']);
    expect(await db.query(`select id, mood::text, history::text from app.people order by id`)).toEqual([
      { id: 1, mood: 'happy', history: '{sad,happy}' },
      { id: 2, mood: 'sad', history: null },
    ]);
    // The default is set again and typed with the new enum.
    await db.query(`insert into app.people (id) values (3)`);
    expect(await db.query(`select mood::text from app.people where id = 3`)).toEqual([{ mood: 'sad' }]);
    expect(await db.query(`select format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = 'app.people'::regclass and attname = 'history'`)).toEqual([{ type: 'app.mood[]' }]);
  });

  it('fails a recreate whose dropped value is still in use, and leaves the database as it was', async () => {
    const from = enumModel('mood', ['sad', 'meh']);
    const to = enumModel('mood', ['sad']);
    const moodCol = column('mood', 'mood', { typeSchema: 'public' });
    await migrate(db, render({ kind: 'create_enum', enum: from }, { kind: 'create_table', table: table('people', [moodCol]) }));
    await db.query(`insert into people values ('meh')`);
    const recreate = render({ kind: 'recreate_enum', from, to, columns: [{ table: { schema: 'public', name: 'people' }, column: moodCol }] });
    expect(recreate[0]!.destructive).toBe(`recreates enum mood; rows holding 'meh' make the conversion fail`);
    await expect(migrate(db, recreate)).rejects.toThrow(/invalid input value for enum .*"meh"/);
    expect(await labels('public', 'mood')).toEqual(['sad', 'meh']);
    expect(await db.query(`select mood::text from people`)).toEqual([{ mood: 'meh' }]);
  });

  it('marks a recreate that only reorders values', () => {
    const statements = render({ kind: 'recreate_enum', from: enumModel('m', ['a', 'b']), to: enumModel('m', ['b', 'a']), columns: [] });
    expect(statements).toEqual([
      { sql: `CREATE TYPE "public"."m__sluice_new" AS ENUM('b', 'a')`, destructive: 'recreates enum m with reordered values' },
      { sql: `DROP TYPE "public"."m"` },
      { sql: `ALTER TYPE "public"."m__sluice_new" RENAME TO "m"` },
    ]);
  });
});
