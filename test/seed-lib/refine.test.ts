/**
 * refine()'s generators and the schema shapes seed() has to order, on PGlite: each generator's
 * values read back from the database, foreign key cycles broken at a nullable key (and refused
 * when every key is not null), and columns left out with `false`.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { customType, integer, pgTable, serial, text, timestamp, type AnyPgColumn } from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';
import { reset, seed, SeedError } from 'sluice/seed';

const notes = pgTable('notes', {
  id: serial().primaryKey(),
  kind: text().notNull(),
  phone: text().notNull(),
  mood: text().notNull(),
  code: text().notNull().unique(),
  body: text().notNull(),
  dueAt: timestamp('due_at', { mode: 'string' }).notNull(),
  rank: integer().notNull(),
  note: text().default('kept'),
});
const NOTES_DDL =
  "create table notes (id serial primary key, kind text not null, phone text not null, mood text not null, code text not null unique, body text not null, due_at timestamp not null, rank integer not null, note text default 'kept')";

let clients: PGlite[] = [];
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  clients = [];
});
async function open(ddl: string) {
  const client = new PGlite();
  clients.push(client);
  await client.exec(ddl);
  return { client, db: drizzle({ client }) };
}

const refineNotes = () =>
  seed(drizzle({ client: clients[clients.length - 1]! }), { notes }, { seed: 3 }).refine((f) => ({
    notes: {
      count: 200,
      columns: {
        kind: f.weightedRandom([
          { weight: 0.25, value: f.default({ defaultValue: 'todo' }) },
          { weight: 0.75, value: f.valuesFromArray({ values: ['idea', 'memo'] }) },
        ]),
        phone: f.phoneNumber({ template: '+1 (###) ###-####' }),
        mood: f.valuesFromArray({
          values: [
            { weight: 0.9, values: ['calm'] },
            { weight: 0.1, values: ['busy', 'tired'] },
          ],
        }),
        code: f.string({ isUnique: true }),
        body: f.loremIpsum({ sentencesCount: 2 }),
        dueAt: f.timestamp({ minDate: '2024-01-01', maxDate: '2024-01-31' }),
        rank: f.int({ minValue: 1, maxValue: 200, isUnique: true }),
        note: false,
      },
    },
  }));

describe('refine() generators', () => {
  it('give values of their kind, in their ranges, with their weights', async () => {
    const { client } = await open(NOTES_DDL);
    await refineNotes();
    const rows = (await client.query<Record<string, string | number>>('select * from notes order by id')).rows;
    expect(rows).toHaveLength(200);
    const kinds = rows.map((r) => r.kind);
    expect(new Set(kinds)).toEqual(new Set(['todo', 'idea', 'memo']));
    expect(kinds.filter((k) => k === 'todo').length).toBeGreaterThan(25);
    expect(kinds.filter((k) => k === 'todo').length).toBeLessThan(80);
    expect(rows.every((r) => /^\+1 \(\d{3}\) \d{3}-\d{4}$/.test(String(r.phone)))).toBe(true);
    expect(rows.filter((r) => r.mood === 'calm').length).toBeGreaterThan(150);
    expect(new Set(rows.map((r) => r.code)).size).toBe(200);
    expect(rows.every((r) => (String(r.body).match(/\./g) ?? []).length === 2)).toBe(true);
    expect(rows.every((r) => String(r.due_at).startsWith('2024-01-'))).toBe(true);
    expect(rows.map((r) => Number(r.rank)).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // `false` leaves the column to its default.
    expect(rows.every((r) => r.note === 'kept')).toBe(true);
  });

  it('repeat their values for the same seed', async () => {
    const a = await open(NOTES_DDL);
    await refineNotes();
    const b = await open(NOTES_DDL);
    await refineNotes();
    const read = (c: PGlite) => c.query('select kind, phone, mood, code, body, due_at, rank from notes order by id').then((r) => r.rows);
    expect(await read(b.client)).toEqual(await read(a.client));
  });

  it('refuse more unique values than they have, before inserting', async () => {
    const { client, db } = await open(NOTES_DDL);
    await expect(seed(db, { notes }, { count: 300 }).refine((f) => ({ notes: { columns: { rank: f.int({ minValue: 1, maxValue: 200, isUnique: true }) } } }))).rejects.toThrow(
      new SeedError('notes.rank: int() has 200 distinct values, the table needs 300 unique ones'),
    );
    await expect(seed(db, { notes }, { count: 5 }).refine((f) => ({ notes: { columns: { kind: f.weightedRandom([{ weight: 0.5, value: f.city() }]) } } }))).rejects.toThrow(
      'notes.kind: weightedRandom() weights must be positive and add up to 1, got 0.5',
    );
    expect((await client.query('select * from notes')).rows).toHaveLength(0);
  });
});

describe('column types seed() has no values for', () => {
  it('stay null where nullable, are an error naming the column where not, and take a refine() generator', async () => {
    const money = customType<{ data: string }>({ dataType: () => 'money' });
    const prices = pgTable('prices', { id: serial().primaryKey(), list: money(), net: money().notNull() });
    const { client, db } = await open('create table prices (id serial primary key, list money, net money not null)');
    await expect(seed(db, { prices })).rejects.toThrow(new SeedError('prices.net: seed() cannot generate values of type money; give the column a generator in refine() or make it nullable'));
    await seed(db, { prices }).refine((f) => ({ prices: { columns: { net: f.valuesFromArray({ values: ['$1.50'] }) } } }));
    expect((await client.query('select count(*)::int as n, count(list)::int as list, min(net)::text as net from prices')).rows).toEqual([{ n: 10, list: 0, net: '$1.50' }]);
  });
});

describe('foreign key cycles', () => {
  const teams = pgTable('teams', { id: serial().primaryKey(), name: text().notNull(), captainId: integer('captain_id').references((): AnyPgColumn => players.id) });
  const players = pgTable('players', {
    id: serial().primaryKey(),
    name: text().notNull(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
  });
  const CYCLE_DDL = `create table teams (id serial primary key, name text not null, captain_id integer);
    create table players (id serial primary key, name text not null, team_id integer not null references teams(id));
    alter table teams add foreign key (captain_id) references players(id);`;

  it('are broken at the nullable key, which is set once both tables are filled; reset() truncates both', async () => {
    const { client, db } = await open(CYCLE_DDL);
    await seed(db, { players, teams }, { count: 12 });
    const rows = (
      await client.query<{ n: number; captains: number; orphans: number; lost: number }>(
        'select (select count(*)::int from players) as n, (select count(captain_id)::int from teams) as captains, (select count(*)::int from players p left join teams t on t.id = p.team_id where t.id is null) as orphans, (select count(*)::int from teams t left join players p on p.id = t.captain_id where p.id is null) as lost',
      )
    ).rows[0]!;
    expect(rows).toEqual({ n: 12, captains: 12, orphans: 0, lost: 0 });
    await reset(db, { players, teams });
    expect((await client.query('select * from players')).rows).toHaveLength(0);
  });

  it('of not-null keys are refused, naming the tables', async () => {
    const a = pgTable('a', {
      id: serial().primaryKey(),
      bId: integer('b_id')
        .notNull()
        .references((): AnyPgColumn => b.id),
    });
    const b = pgTable('b', {
      id: serial().primaryKey(),
      aId: integer('a_id')
        .notNull()
        .references(() => a.id),
    });
    const { db } = await open('select 1');
    await expect(seed(db, { a, b })).rejects.toThrow(new SeedError('seed() cannot order tables whose not-null foreign keys form a cycle: a, b'));
  });
});
