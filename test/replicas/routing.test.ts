/**
 * withReplicas() on three dialects. Each case opens three separate databases standing in for a
 * primary and two replicas, holding different rows (the primary one row, replica one two rows,
 * replica two three), so the rows a query returns show which database answered, and each
 * database's logger shows the SQL it ran.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { eq, SchemaError, sql, type Database } from 'sluice';
import { integer, pgTable, text, withReplicas as pgWithReplicas } from 'sluice/pg-core';
import { integer as sqliteInteger, sqliteTable, text as sqliteText, withReplicas as sqliteWithReplicas } from 'sluice/sqlite-core';
import { int, mysqlTable, varchar, withReplicas as mysqlWithReplicas } from 'sluice/mysql-core';
import { withReplicas as mssqlWithReplicas } from 'sluice/mssql-core';
import { withReplicas as cockroachWithReplicas } from 'sluice/cockroach-core';
import { withReplicas } from 'sluice';
import { behaviourTargets, openBehaviourTarget, sqlFor, StatementLog, type BehaviourTarget, type DialectName } from '../support/behaviour.js';

const tables = {
  pg: pgTable('people', { id: integer('id').primaryKey(), name: text('name').notNull() }),
  sqlite: sqliteTable('people', { id: sqliteInteger('id').primaryKey(), name: sqliteText('name').notNull() }),
  mysql: mysqlTable('people', { id: int('id').primaryKey(), name: varchar('name', { length: 50 }).notNull() }),
};
// Held under PostgreSQL's static type, as the behaviour suite does; each dialect's types are in test/types.
type People = typeof tables.pg;
type Db = Database<'pg', unknown, { people: People }>;

const ddl = 'create table people (id integer primary key, name varchar(50) not null)';
const rowsOf = (who: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `${who} ${i + 1}` }));
const seed = (who: string, n: number) =>
  `delete from people; insert into people (id, name) values ${rowsOf(who, n)
    .map((r) => `(${r.id}, '${r.name}')`)
    .join(', ')}`;

interface Node {
  target: BehaviourTarget;
  db: Db;
  log: StatementLog;
}

const available = new Set(behaviourTargets().map((t) => t.name));

describe.each([
  { name: 'pglite', dialect: 'pg' as DialectName },
  { name: 'better-sqlite3', dialect: 'sqlite' as DialectName },
  { name: 'mysql2', dialect: 'mysql' as DialectName },
])('withReplicas on $name', ({ name, dialect }) => {
  const people = tables[dialect] as unknown as People;
  const nodes: Node[] = [];
  const q = (pgText: string) => sqlFor(dialect, pgText);
  const [primary, one, two] = [0, 1, 2].map((i) => ({
    get node() {
      return nodes[i]!;
    },
  }));
  const runs = !(name === 'mysql2' && !available.has('mysql2'));

  beforeAll(async () => {
    if (!runs) return;
    for (const _ of [0, 1, 2]) {
      const target = await openBehaviourTarget(name);
      await target.exec(ddl);
      const log = new StatementLog();
      nodes.push({ target, log, db: (await target.open({ schema: { people: tables[dialect] }, logger: log })) as unknown as Db });
    }
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    for (const n of nodes) await n.target.close();
  });

  const it = runs ? test : test.skip;
  // Every test starts from the same rows: one on the primary, two and three on the replicas.
  const reset = async () => {
    for (const [i, who] of ['primary', 'one', 'two'].entries()) {
      for (const statement of seed(who, i + 1).split('; ')) await nodes[i]!.target.exec(statement);
      nodes[i]!.log.last = [];
    }
  };
  const first = (replicas: Db[]) => replicas[0]!;
  const make = (pick: (replicas: Db[]) => Db = first) => withReplicas(primary.node.db, [one.node.db, two.node.db], pick);

  it(`reads go to the replica getReplica picks${runs ? '' : ' (skipped: SLUICE_MYSQL_URL is not set)'}`, async () => {
    await reset();
    const db = make();
    expect(await db.select().from(people).orderBy(people.id)).toEqual(rowsOf('one', 2));
    expect(one.node.log.last.map((s) => s.sql)).toEqual([q('select "id", "name" from "people" order by "people"."id"')]);
    expect(primary.node.log.last).toEqual([]);
    expect(await db.selectDistinct({ name: people.name }).from(people).where(eq(people.id, 2))).toEqual([{ name: 'one 2' }]);
    expect(await db.$count(people)).toBe(2);
    const sq = db.$with('sq').as(db.select({ id: people.id }).from(people));
    expect(
      await db
        .with(sq)
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(sq),
    ).toEqual([{ n: 2 }]);
    expect(await db.query.people.findMany({ orderBy: (p, { asc }) => [asc(p.id)] })).toEqual(rowsOf('one', 2));
    expect(await db.query.people.findFirst({ where: (p, { eq }) => eq(p.id, 2) })).toEqual({ id: 2, name: 'one 2' });
    if (dialect === 'pg') expect(await db.selectDistinctOn([people.name]).from(people).orderBy(people.name)).toEqual(rowsOf('one', 2));
    // Everything above ran on replica one; nothing on the primary or replica two.
    expect(one.node.log.last.length).toBe(dialect === 'pg' ? 7 : 6);
    expect(primary.node.log.last).toEqual([]);
    expect(two.node.log.last).toEqual([]);
  });

  it(`writes, raw SQL and $primary go to the primary${runs ? '' : ' (skipped: SLUICE_MYSQL_URL is not set)'}`, async () => {
    await reset();
    const db = make();
    await db.insert(people).values({ id: 10, name: 'new' });
    await db.update(people).set({ name: 'renamed' }).where(eq(people.id, 1));
    await db.delete(people).where(eq(people.id, 10));
    await db.insert(people).values({ id: 11, name: 'kept' });
    await db.execute(sql`delete from ${people} where ${people.id} = 11`);
    expect(primary.node.log.last.map((s) => s.sql)).toEqual([
      q('insert into "people" ("id", "name") values ($1, $2)'),
      q('update "people" set "name" = $1 where "people"."id" = $2'),
      q('delete from "people" where "people"."id" = $1'),
      q('insert into "people" ("id", "name") values ($1, $2)'),
      q('delete from "people" where "people"."id" = 11'),
    ]);
    expect(await db.$primary.select().from(people)).toEqual([{ id: 1, name: 'renamed' }]);
    expect(one.node.log.last).toEqual([]);
    expect(await one.node.db.select().from(people).orderBy(people.id)).toEqual(rowsOf('one', 2));
    expect(db.$primary).toBe(primary.node.db);
    expect(db.$replicas).toEqual([one.node.db, two.node.db]);
    expect((db as unknown as { $client: unknown }).$client).toBe((primary.node.db as unknown as { $client: unknown }).$client);
  });

  (dialect === 'mysql' ? test.skip : it)(`a write after db.with() goes to the primary${dialect === 'mysql' ? ' (skipped: MariaDB has no WITH before an update)' : ''}`, async () => {
    await reset();
    const db = make();
    const sq = db.$with('sq').as(db.select({ id: people.id }).from(people));
    await db.with(sq).update(people).set({ name: 'via cte' }).where(sql`${people.id} in (select ${sq.id} from ${sq})`);
    expect(primary.node.log.last.map((s) => s.sql)).toEqual([q('with "sq" as (select "id" from "people") update "people" set "name" = $1 where "people"."id" in (select "sq"."id" from "sq")')]);
    expect(await db.$primary.select().from(people)).toEqual([{ id: 1, name: 'via cte' }]);
    expect(one.node.log.last).toEqual([]);
  });

  it(`a transaction reads and writes on the primary and sees its own writes${runs ? '' : ' (skipped: SLUICE_MYSQL_URL is not set)'}`, async () => {
    await reset();
    const db = make();
    const seen = await db.transaction(async (tx) => {
      const before = await tx.select().from(people).orderBy(people.id);
      await tx.insert(people).values({ id: 5, name: 'in tx' });
      const after = await tx.select().from(people).orderBy(people.id);
      return { before, after, count: await tx.$count(people) };
    });
    expect(seen).toEqual({ before: rowsOf('primary', 1), after: [...rowsOf('primary', 1), { id: 5, name: 'in tx' }], count: 2 });
    expect(one.node.log.last).toEqual([]);
    expect(two.node.log.last).toEqual([]);
    // Committed on the primary only; the replicas (separate databases here) never saw it.
    expect(await db.$primary.$count(people)).toBe(2);
    expect(await db.$count(people)).toBe(2);
    expect(await db.select().from(people).where(eq(people.id, 5))).toEqual([]);
  });

  it(`a custom getReplica is asked once per read and its choice is used${runs ? '' : ' (skipped: SLUICE_MYSQL_URL is not set)'}`, async () => {
    await reset();
    const asked: number[] = [];
    const db = make((replicas) => {
      asked.push(replicas.length);
      return replicas[replicas.length - 1]!;
    });
    expect(await db.select().from(people).orderBy(people.id)).toEqual(rowsOf('two', 3));
    expect(await db.$count(people)).toBe(3);
    await db.insert(people).values({ id: 20, name: 'w' });
    expect(asked).toEqual([2, 2]);
    expect(two.node.log.last.map((s) => s.sql)).toEqual([q('select "id", "name" from "people" order by "people"."id"'), q('select count(*) from "people"')]);
  });

  it(`by default a replica is picked at random${runs ? '' : ' (skipped: SLUICE_MYSQL_URL is not set)'}`, async () => {
    await reset();
    const db = withReplicas(primary.node.db, [one.node.db, two.node.db]);
    const random = vi.spyOn(Math, 'random');
    random.mockReturnValueOnce(0.2).mockReturnValueOnce(0.7).mockReturnValueOnce(0.49);
    expect(await db.$count(people)).toBe(2);
    expect(await db.$count(people)).toBe(3);
    expect(await db.$count(people)).toBe(2);
    expect(random).toHaveBeenCalledTimes(3);
  });
});

describe('withReplicas errors', () => {
  let targets: BehaviourTarget[] = [];
  afterAll(async () => {
    for (const t of targets) await t.close();
  });
  test('bad arguments name what is wrong', async () => {
    const pgTarget = await openBehaviourTarget('pglite');
    const sqliteTarget = await openBehaviourTarget('better-sqlite3');
    targets = [pgTarget, sqliteTarget];
    const pgDb = await pgTarget.open();
    const sqliteDb = await sqliteTarget.open();
    expect(() => withReplicas(pgDb, [] as never)).toThrow(new SchemaError('withReplicas(primary, replicas): replicas must be a non-empty array of databases'));
    expect(() => withReplicas(pgDb, [sqliteDb])).toThrow(new SchemaError('withReplicas(): replicas[0] is a sqlite database, the primary a pg one'));
    expect(() => withReplicas(pgDb, [pgDb, {} as never])).toThrow(new SchemaError('withReplicas(): replicas[1] is not a database made by drizzle()'));
    expect(() => withReplicas({} as never, [pgDb])).toThrow(SchemaError);
    const wrong = withReplicas(pgDb, [pgDb], () => sqliteDb);
    expect(() => wrong.select()).toThrow(new SchemaError('withReplicas(): getReplica() returned a database that is not one of the replicas'));
  });

  test('each dialect entry re-exports the one core function', () => {
    expect(pgWithReplicas).toBe(withReplicas);
    expect(sqliteWithReplicas).toBe(withReplicas);
    expect(mysqlWithReplicas).toBe(withReplicas);
    expect(mssqlWithReplicas).toBe(withReplicas);
    expect(cockroachWithReplicas).toBe(withReplicas);
  });
});
