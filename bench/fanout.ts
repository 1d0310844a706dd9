/**
 * Relational fan-out: 200 parents with 1,000 children each, fetched by one relational query
 * (`findMany({ with: { children: true } })`) against the same data fetched with two plain
 * queries and stitched in JavaScript. Prints the ratio per backend; results are checked equal
 * (order-normalised) before timing.
 *
 *   npx tsx --conditions=sluice-src bench/fanout.ts            # PGlite, better-sqlite3
 *   SLUICE_PG_URL=postgres://... npx tsx --conditions=sluice-src bench/fanout.ts   # + PostgreSQL server
 */
import { inArray, relations, sql } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { integer as pgInteger, pgTable, serial, text as pgText, timestamp } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { integer, sqliteTable, text } from 'sluice/sqlite-core';
import pg from 'pg';

const PARENTS = 200;
const CHILDREN = 1000;
const ROUNDS = 5;

const pgParents = pgTable('parents', { id: serial('id').primaryKey(), name: pgText('name').notNull() });
const pgChildren = pgTable('children', {
  id: serial('id').primaryKey(),
  parentId: pgInteger('parent_id').notNull(),
  title: pgText('title').notNull(),
  qty: pgInteger('qty').notNull(),
  createdAt: timestamp('created_at').notNull(),
});
const pgSchema = {
  parents: pgParents,
  children: pgChildren,
  pr: relations(pgParents, ({ many }) => ({ children: many(pgChildren) })),
  cr: relations(pgChildren, ({ one }) => ({ parent: one(pgParents, { fields: [pgChildren.parentId], references: [pgParents.id] }) })),
};
const PG_DDL = `create table parents (id serial primary key, name text not null);
create table children (id serial primary key, parent_id int not null, title text not null, qty int not null, created_at timestamp not null);
insert into parents (name) select 'p' || g from generate_series(1, ${PARENTS}) g;
insert into children (parent_id, title, qty, created_at) select (g % ${PARENTS}) + 1, 'child ' || g, g % 17, timestamp '2024-01-01' + g * interval '1 second' from generate_series(1, ${PARENTS * CHILDREN}) g;
create index on children (parent_id); analyze;`;

const liteParents = sqliteTable('parents', { id: integer('id').primaryKey(), name: text('name').notNull() });
const liteChildren = sqliteTable('children', {
  id: integer('id').primaryKey(),
  parentId: integer('parent_id').notNull(),
  title: text('title').notNull(),
  qty: integer('qty').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
});
const liteSchema = {
  parents: liteParents,
  children: liteChildren,
  pr: relations(liteParents, ({ many }) => ({ children: many(liteChildren) })),
  cr: relations(liteChildren, ({ one }) => ({ parent: one(liteParents, { fields: [liteChildren.parentId], references: [liteParents.id] }) })),
};

type Row = { id: number; children: { id: number }[] };
const normalise = (rows: Row[]) => JSON.stringify([...rows].sort((a, b) => a.id - b.id).map((p) => ({ ...p, children: [...p.children].sort((a, b) => a.id - b.id) })));

async function measure(name: string, one: () => PromiseLike<Row[]>, two: () => PromiseLike<Row[]>): Promise<void> {
  if (normalise(await one()) !== normalise(await two())) throw new Error(`${name}: the two strategies returned different data`);
  const time = async (fn: () => PromiseLike<unknown>) => {
    const t = performance.now();
    for (let i = 0; i < ROUNDS; i++) await fn();
    return (performance.now() - t) / ROUNDS;
  };
  await one();
  await two();
  const tTwo = await time(two);
  const tOne = await time(one);
  console.log(`${name.padEnd(16)} relational ${tOne.toFixed(0).padStart(6)} ms   two queries ${tTwo.toFixed(0).padStart(6)} ms   ratio ${(tOne / tTwo).toFixed(2)}`);
}

function stitch<P extends { id: number }, C extends { parentId: number }>(ps: P[], cs: C[]) {
  const by = new Map<number, C[]>();
  for (const c of cs) {
    let list = by.get(c.parentId);
    if (!list) by.set(c.parentId, (list = []));
    list.push(c);
  }
  return ps.map((p) => ({ ...p, children: by.get(p.id) ?? [] }));
}

console.log(`fan-out: ${PARENTS} parents x ${CHILDREN} children, mean of ${ROUNDS} runs`);
{
  const db = pglite({ schema: pgSchema });
  await db.$client.exec(PG_DDL);
  await measure(
    'pglite',
    () => db.query.parents.findMany({ with: { children: true } }),
    async () => {
      const ps = await db.select().from(pgParents);
      return stitch(
        ps,
        await db
          .select()
          .from(pgChildren)
          .where(
            inArray(
              pgChildren.parentId,
              ps.map((p) => p.id),
            ),
          ),
      );
    },
  );
  await db.$client.close();
}
{
  const db = betterSqlite({ schema: liteSchema });
  db.run(sql`create table parents (id integer primary key, name text not null)`);
  db.run(sql`create table children (id integer primary key, parent_id integer not null, title text not null, qty integer not null, created_at integer not null)`);
  db.run(sql`create index children_parent on children (parent_id)`);
  db.transaction((tx) => {
    tx.insert(liteParents)
      .values(Array.from({ length: PARENTS }, (_, i) => ({ name: `p${i + 1}` })))
      .run();
    for (let c = 0; c < PARENTS * CHILDREN; c += 5000) {
      tx.insert(liteChildren)
        .values(Array.from({ length: 5000 }, (_, i) => ({ parentId: ((c + i) % PARENTS) + 1, title: `child ${c + i}`, qty: (c + i) % 17, createdAt: new Date(1_700_000_000_000 + (c + i) * 1000) })))
        .run();
    }
  });
  await measure(
    'better-sqlite3',
    () => db.query.parents.findMany({ with: { children: true } }),
    async () => {
      const ps = db.select().from(liteParents).all();
      return stitch(
        ps,
        db
          .select()
          .from(liteChildren)
          .where(
            inArray(
              liteChildren.parentId,
              ps.map((p) => p.id),
            ),
          )
          .all(),
      );
    },
  );
}
if (process.env.SLUICE_PG_URL) {
  const admin = new pg.Client(process.env.SLUICE_PG_URL);
  await admin.connect();
  const dbName = `sluice_fanout_${process.pid}`;
  await admin.query(`create database ${dbName}`);
  try {
    const url = new URL(process.env.SLUICE_PG_URL);
    url.pathname = `/${dbName}`;
    const db = nodePostgres({ connection: url.toString(), schema: pgSchema });
    await db.$client.query(PG_DDL);
    await measure(
      'node-postgres',
      () => db.query.parents.findMany({ with: { children: true } }),
      async () => {
        const ps = await db.select().from(pgParents);
        return stitch(
          ps,
          await db
            .select()
            .from(pgChildren)
            .where(
              inArray(
                pgChildren.parentId,
                ps.map((p) => p.id),
              ),
            ),
        );
      },
    );
    await db.$client.end();
  } finally {
    await admin.query(`drop database ${dbName} with (force)`);
    await admin.end();
  }
}
