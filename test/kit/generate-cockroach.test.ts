/**
 * `sluice generate` for `dialect: 'cockroach'` on the fixture schema (test/kit/support/
 * cockroach-fixture.ts): the migration.sql of the first version and of a second one (a column
 * added, one renamed with a hint, a type changed, an index dropped) with its down.sql, asserted as
 * text. Then every statement of both migrations and of the second one's down.sql that is valid
 * PostgreSQL runs on PostgreSQL (the server when SLUICE_PG_URL is set, PGlite otherwise) in a
 * scratch database, and the catalog is checked after each step. The statements left out are
 * CockroachDB-only syntax, named in `cockroachOnly`; PostgreSQL has no `unique_rowid()`, so the
 * scratch database gets a stand-in function of that name for the tables that use it as a default.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, loadConfig, parseRenameHint, type GenerateResult } from 'sluice/kit';
import { join } from 'node:path';
import { BREAKPOINT } from '../../src/kit/api/sql-file.js';
import { readMigrations } from '../../src/kit/migrations/folder.js';
import type { MigrationSession } from '../../src/kit/runner.js';
import { nodePgSession, pgliteSession } from '../../src/kit/runner-session-pg.js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';
import { cockroachSchemaV1, cockroachSchemaV2 } from './support/cockroach-fixture.js';
import { tempProject, type TempProject } from './support/project.js';

const V1_SQL = `CREATE TYPE "public"."order_status" AS ENUM('new', 'paid', 'shipped');
--> statement-breakpoint
CREATE TABLE "customers" (
\t"id" int8 PRIMARY KEY DEFAULT unique_rowid() NOT NULL,
\t"email" text NOT NULL,
\t"name" varchar(100),
\t"tags" text[],
\t"created_at" timestamptz DEFAULT now() NOT NULL,
\tCONSTRAINT "customers_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "orders" (
\t"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
\t"customer_id" int8 NOT NULL,
\t"total" decimal(10,2) NOT NULL,
\t"status" "public"."order_status" DEFAULT 'new' NOT NULL,
\t"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
\t"note" text,
\t"placed_at" timestamptz DEFAULT now() NOT NULL,
\tCONSTRAINT "orders_total_not_negative" CHECK ("total" >= 0)
);
--> statement-breakpoint
CREATE INDEX "orders_placed_at_idx" ON "orders" ("placed_at") USING HASH WITH (bucket_count = 8);
--> statement-breakpoint
CREATE INDEX "orders_payload_idx" ON "orders" USING gin ("payload");
--> statement-breakpoint
CREATE INDEX "orders_note_idx" ON "orders" ("note");
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE VIEW "public"."paid_orders" AS (select "id", "total" from "orders" where "orders"."status" = 'paid');
`;

const V2_SQL = `-- sluice:no-transaction
ALTER TABLE "orders" RENAME COLUMN "note" TO "comment";
--> statement-breakpoint
DROP VIEW "public"."paid_orders";
--> statement-breakpoint
DROP INDEX "public"."orders_note_idx";
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "phone" varchar(32);
--> statement-breakpoint
SET enable_experimental_alter_column_type_general = true;
--> statement-breakpoint
-- destructive: changes the type of orders.total from decimal(10,2) to decimal(12,2); values that do not convert fail or change
ALTER TABLE "orders" ALTER COLUMN "total" SET DATA TYPE decimal(12,2) USING "total"::decimal(12,2);
--> statement-breakpoint
CREATE VIEW "public"."paid_orders" AS (select "id", "total" from "orders" where "orders"."status" = 'paid');
`;

const V2_DOWN_SQL = `-- sluice:no-transaction
ALTER TABLE "orders" RENAME COLUMN "comment" TO "note";
--> statement-breakpoint
DROP VIEW "public"."paid_orders";
--> statement-breakpoint
SET enable_experimental_alter_column_type_general = true;
--> statement-breakpoint
-- sluice:destructive changes the type of orders.total from decimal(12,2) to decimal(10,2); values that do not convert fail or change
ALTER TABLE "orders" ALTER COLUMN "total" SET DATA TYPE decimal(10,2) USING "total"::decimal(10,2);
--> statement-breakpoint
-- sluice:destructive drops column customers.phone and its data
ALTER TABLE "customers" DROP COLUMN "phone";
--> statement-breakpoint
CREATE INDEX "orders_note_idx" ON "orders" ("note");
--> statement-breakpoint
CREATE VIEW "public"."paid_orders" AS (select "id", "total" from "orders" where "orders"."status" = 'paid');
`;

/** The CockroachDB-only statements of the fixture's migrations, by what makes them so. */
const cockroachOnly: { name: string; test: (sql: string) => boolean }[] = [
  { name: 'hash-sharded index (CREATE INDEX ... USING HASH WITH (bucket_count = n))', test: (sql) => / USING HASH( WITH \(|$)/.test(sql) },
  { name: 'the session setting CockroachDB needs for column type changes', test: (sql) => sql.startsWith('SET enable_experimental_alter_column_type_general') },
];

/** A migration file's statements without comment lines, each tagged with the CockroachDB-only reason that keeps it off PostgreSQL. */
function statementsOf(file: string): { sql: string; cockroachOnly: string | undefined }[] {
  return file
    .split(BREAKPOINT)
    .map((part) =>
      part
        .split('\n')
        .filter((line) => !line.startsWith('--'))
        .join('\n')
        .trim()
        .replace(/;$/, ''),
    )
    .filter((sql) => sql !== '')
    .map((sql) => ({ sql, cockroachOnly: cockroachOnly.find((c) => c.test(sql))?.name }));
}

let project: TempProject;
let v1: Extract<GenerateResult, { status: 'written' }>;
let v2: Extract<GenerateResult, { status: 'written' }>;

beforeAll(async () => {
  project = tempProject();
  project.write('sluice.config.ts', "import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'cockroach', schema: './schema.ts', out: './migrations' });\n");
  project.write('schema.ts', cockroachSchemaV1);
  const first = await generate(await loadConfig({ cwd: project.dir }), { name: 'init', now: new Date('2026-11-30T12:00:00Z') });
  project.write('schema.ts', cockroachSchemaV2);
  const hint = parseRenameHint('column:public.orders.note=comment');
  const second = await generate(await loadConfig({ cwd: project.dir }), { name: 'v2', now: new Date('2026-11-30T12:01:00Z'), answers: { [hint.key]: hint.from } });
  if (first.status !== 'written' || second.status !== 'written') throw new Error(`expected two migrations, got ${first.status} and ${second.status}`);
  v1 = first;
  v2 = second;
});
afterAll(() => project?.remove());

describe('sluice generate for CockroachDB', () => {
  it('writes the fixture schema as CockroachDB DDL: unique_rowid() and UUID keys, a hash-sharded and an inverted index, no CONCURRENTLY', () => {
    expect(v1.sql).toBe(V1_SQL);
    expect(v1.snapshot.dialect).toBe('cockroach');
  });

  it("keeps CockroachDB's type names in the snapshot, its index methods and the bucket count", () => {
    const orders = v1.snapshot.tables.find((t) => t.name === 'orders')!;
    const customers = v1.snapshot.tables.find((t) => t.name === 'customers')!;
    expect(Object.fromEntries(customers.columns.map((c) => [c.name, [c.type, c.default ?? null]]))).toEqual({
      id: ['int8', 'unique_rowid()'],
      email: ['string', null],
      name: ['varchar(100)', null],
      tags: ['string[]', null],
      created_at: ['timestamptz', 'now()'],
    });
    expect(Object.fromEntries(orders.columns.map((c) => [c.name, c.type]))).toEqual({
      id: 'uuid',
      customer_id: 'int8',
      total: 'decimal(10,2)',
      status: 'order_status',
      payload: 'jsonb',
      note: 'string',
      placed_at: 'timestamptz',
    });
    expect(orders.indexes.map((i) => [i.name, i.method, i.with ?? null, i.concurrently])).toEqual([
      ['orders_placed_at_idx', 'hash', { bucket_count: '8' }, false],
      ['orders_payload_idx', 'gin', null, false],
      ['orders_note_idx', 'btree', null, false],
    ]);
  });

  it('writes the second version with the rename the hint answers, the type change behind its session setting, and its down.sql', () => {
    expect(v2.sql).toBe(V2_SQL);
    expect(v2.downSql).toBe(V2_DOWN_SQL);
    expect(v2.snapshot.prevIds).toEqual([v1.snapshot.id]);
  });

  it('marks the files with a type change to run outside a transaction (CockroachDB before 25.1 refuses one inside), and only those', () => {
    const entries = readMigrations(join(project.dir, 'migrations'));
    expect(entries.map((e) => [e.name, e.transaction])).toEqual([
      ['20261130120000_init', true],
      ['20261130120100_v2', false],
    ]);
    expect(v1.downSql.startsWith('-- sluice:no-transaction')).toBe(false);
  });

  it('names the statements PostgreSQL cannot run, and only those', () => {
    const only = [...statementsOf(v1.sql), ...statementsOf(v2.sql), ...statementsOf(v2.downSql)].filter((s) => s.cockroachOnly !== undefined).map((s) => s.sql);
    expect(only).toEqual([
      'CREATE INDEX "orders_placed_at_idx" ON "orders" ("placed_at") USING HASH WITH (bucket_count = 8)',
      'SET enable_experimental_alter_column_type_general = true',
      'SET enable_experimental_alter_column_type_general = true',
    ]);
  });
});

describe(`the PostgreSQL-valid statements on ${pgServerUrl ? 'the PostgreSQL server' : 'PGlite (SLUICE_PG_URL is not set)'}`, () => {
  let session: MigrationSession;
  let close: () => Promise<void>;

  beforeAll(async () => {
    if (pgServerUrl) {
      const database = await createPgDatabase();
      const pool = new pg.Pool({ connectionString: database.url, max: 2 });
      session = nodePgSession(pool);
      close = async () => {
        await pool.end();
        await database.drop();
      };
    } else {
      const client = new PGlite();
      session = pgliteSession(client);
      close = () => client.close();
    }
    // PostgreSQL's stand-in for CockroachDB's unique_rowid(): a default must name a function that exists.
    await session.execute("create sequence unique_rowid_seq; create function unique_rowid() returns int8 language sql as $$ select nextval('unique_rowid_seq') $$");
  });
  afterAll(async () => close?.());

  const run = async (file: string) => {
    for (const statement of statementsOf(file)) if (statement.cockroachOnly === undefined) await session.execute(statement.sql);
  };
  const columns = async (table: string) =>
    Object.fromEntries(
      (
        await session.query<{ column_name: string; type: string; nullable: string; column_default: string | null }>(
          `select column_name, format_type(a.atttypid, a.atttypmod) as type, is_nullable as nullable, column_default
           from information_schema.columns c join pg_attribute a on a.attrelid = ('public.' || c.table_name)::regclass and a.attname = c.column_name
           where table_schema = 'public' and table_name = $1 order by ordinal_position`,
          [table],
        )
      ).map((r) => [r.column_name, `${r.type}${r.nullable === 'NO' ? ' not null' : ''}${r.column_default === null ? '' : ` default ${r.column_default}`}`]),
    );
  const indexes = async () => (await session.query<{ indexdef: string }>(`select indexdef from pg_indexes where schemaname = 'public' order by indexname`)).map((r) => r.indexdef);

  it('makes the first version: enum, tables with their keys, defaults, check, unique, foreign key, gin index and view', async () => {
    await run(v1.sql);
    expect(await columns('customers')).toEqual({
      id: 'bigint not null default unique_rowid()',
      email: 'text not null',
      name: 'character varying(100)',
      tags: 'text[]',
      created_at: 'timestamp with time zone not null default now()',
    });
    expect(await columns('orders')).toEqual({
      id: 'uuid not null default gen_random_uuid()',
      customer_id: 'bigint not null',
      total: 'numeric(10,2) not null',
      status: "order_status not null default 'new'::order_status",
      payload: "jsonb not null default '{}'::jsonb",
      note: 'text',
      placed_at: 'timestamp with time zone not null default now()',
    });
    expect(await indexes()).toEqual([
      'CREATE UNIQUE INDEX customers_email_unique ON public.customers USING btree (email)',
      'CREATE UNIQUE INDEX customers_pkey ON public.customers USING btree (id)',
      'CREATE INDEX orders_note_idx ON public.orders USING btree (note)',
      'CREATE INDEX orders_payload_idx ON public.orders USING gin (payload)',
      'CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id)',
    ]);
    const constraints = await session.query<{ conname: string; def: string }>(`select conname, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'public.orders'::regclass and contype in ('c', 'f') order by conname`);
    expect(constraints).toEqual([
      { conname: 'orders_customer_id_customers_id_fk', def: 'FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE' },
      { conname: 'orders_total_not_negative', def: 'CHECK ((total >= (0)::numeric))' },
    ]);
    const [customer] = await session.query<{ id: string }>(`insert into customers (email) values ('ann@example.com') returning id`);
    await session.execute(`insert into orders (customer_id, total, status) values (${customer!.id}, 12.5, 'paid'), (${customer!.id}, 3, 'new')`);
    expect(await session.query('select total from paid_orders')).toEqual([{ total: '12.50' }]);
    await expect(session.execute(`insert into orders (customer_id, total) values (${customer!.id}, -1)`)).rejects.toThrow(/orders_total_not_negative/);
  });

  it('applies the second version: column renamed with its data, column added, type widened, index dropped, view made again', async () => {
    await run(v2.sql);
    expect(await columns('customers')).toMatchObject({ phone: 'character varying(32)' });
    const orders = await columns('orders');
    expect(orders).toMatchObject({ total: 'numeric(12,2) not null', comment: 'text' });
    expect(orders).not.toHaveProperty('note');
    expect(await indexes()).not.toContain('CREATE INDEX orders_note_idx ON public.orders USING btree (note)');
    expect(await session.query('select total from paid_orders')).toEqual([{ total: '12.50' }]);
  });

  it("runs the second version's down.sql back to the first version's catalog", async () => {
    await run(v2.downSql);
    expect(Object.keys(await columns('customers'))).toEqual(['id', 'email', 'name', 'tags', 'created_at']);
    expect(await columns('orders')).toMatchObject({ total: 'numeric(10,2) not null', note: 'text' });
    expect(await indexes()).toContain('CREATE INDEX orders_note_idx ON public.orders USING btree (note)');
    expect(await session.query('select count(*)::int as n from orders')).toEqual([{ n: 2 }]);
  });
});
