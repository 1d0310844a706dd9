/**
 * The PostgreSQL drivers: PGlite always, node-postgres and postgres.js when SLUICE_PG_URL is set.
 * The first half runs through the shared targets (what every behaviour suite sees); the second
 * half covers what differs per driver: drizzle() call forms, `$client`, loggers, pools.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import postgres from 'postgres';
import { and, asc, eq, sql, SluiceQueryError, TransactionRollbackError, type Database, type Logger } from 'sluice';
import { drizzle as nodePostgres, type NodePgDatabase } from 'sluice/node-postgres';
import { bigint, boolean, bytea, integer, json, jsonb, numeric, pgTable, serial, text, timestamp } from 'sluice/pg-core';
import { drizzle as pglite, type PgliteDatabase } from 'sluice/pglite';
import { drizzle as postgresJs, type PostgresJsDatabase } from 'sluice/postgres-js';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { PG_RAW_TEXT_OIDS } from '../../src/drivers/pg-shared.js';
import { createPgDatabase, openTarget, pgServerUrl, targetNames, type PgTarget } from '../support/targets.js';

type AnyDb = Database<'pg', unknown, Record<string, unknown>>;
type ClientDb = AnyDb & { $client: unknown };

const values = pgTable('values', {
  id: serial('id').primaryKey(),
  label: text('label').notNull(),
  at: timestamp('at', { withTimezone: true }),
  local: timestamp('local'),
  big: bigint('big', { mode: 'bigint' }),
  count: bigint('count', { mode: 'number' }),
  amount: numeric('amount'),
  doc: json('doc'),
  docb: jsonb('docb'),
  ints: integer('ints').array(),
  tags: text('tags').array(),
  bigs: bigint('bigs', { mode: 'bigint' }).array(),
  stamps: timestamp('stamps', { withTimezone: true }).array(),
  flags: boolean('flags').array(),
  blob: bytea('blob'),
});

const valuesDdl = `create table "values" (
  id serial primary key, label text not null, at timestamptz, local timestamp, big bigint, count bigint,
  amount numeric, doc json, docb jsonb, ints integer[], tags text[], bigs bigint[], stamps timestamptz[],
  flags boolean[], blob bytea
)`;

const notes = pgTable('notes', {
  id: serial('id').primaryKey(),
  body: text('body').notNull(),
});
const notesDdl = 'create table notes (id serial primary key, body text not null)';

const missing = pgTable('missing_table', { id: integer('id') });

/** `db.execute` returns each driver's own result; this reads its rows. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return (result as { rows: Record<string, unknown>[] }).rows;
}

const at = new Date('2024-03-05T06:07:08.123Z');
const full = {
  label: 'full',
  at,
  local: new Date('2001-02-03T04:05:06.789Z'),
  big: 9007199254740993n,
  count: 42,
  amount: '12345678901234567890.123456789',
  doc: { a: 1, nested: { list: [1, 'two', null] } },
  docb: { b: true, s: 'it\'s "quoted"' },
  ints: [1, 2, 3],
  tags: ['a', 'b c', 'q"uote', 'back\\slash', ''],
  bigs: [9223372036854775807n, -1n],
  stamps: [at, new Date('1999-12-31T23:59:59.000Z')],
  flags: [true, false],
  blob: Buffer.from([0, 1, 2, 250, 255]),
};

/** An expression of each type whose text the columns decode, and that text. */
const rawTextCases: Record<number, [expression: string, text: string]> = {
  20: ['9223372036854775807::int8', '9223372036854775807'],
  1700: ['1.50::numeric', '1.50'],
  1082: [`'2024-01-02'::date`, '2024-01-02'],
  1083: [`'03:04:05.25'::time`, '03:04:05.25'],
  1114: [`'2024-01-02 03:04:05.5'::timestamp`, '2024-01-02 03:04:05.5'],
  1184: [`'2024-01-02 03:04:05+00'::timestamptz`, '2024-01-02 03:04:05+00'],
  1186: [`'1 day 2 hours'::interval`, '1 day 02:00:00'],
  1266: [`'03:04:05+02'::timetz`, '03:04:05+02'],
  1231: ['array[1.5, null]::numeric[]', '{1.5,NULL}'],
  1182: [`array['2024-01-02']::date[]`, '{2024-01-02}'],
  1115: [`array['2024-01-02 03:04:05']::timestamp[]`, '{"2024-01-02 03:04:05"}'],
  1185: [`array['2024-01-02 03:04:05+00']::timestamptz[]`, '{"2024-01-02 03:04:05+00"}'],
  1187: [`array['1 day']::interval[]`, '{"1 day"}'],
};

it('covers every OID in PG_RAW_TEXT_OIDS', () => {
  expect(
    Object.keys(rawTextCases)
      .map(Number)
      .sort((a, b) => a - b),
  ).toEqual([...PG_RAW_TEXT_OIDS].sort((a, b) => a - b));
});

describe.each(targetNames())('target %s', (name) => {
  let target: PgTarget;
  let db: AnyDb;

  beforeAll(async () => {
    target = await openTarget(name);
    await target.exec(`${valuesDdl}; ${notesDdl}`);
    db = await target.open();
  });
  afterAll(async () => {
    await target?.close();
  });
  afterEach(async () => {
    await target.exec('truncate "values", notes restart identity');
  });

  it('decodes every column type the columns read from text', async () => {
    const insert = db.insert(values).values([full, { label: 'empty' }]);
    expect(insert.toSQL().sql).toBe(
      'insert into "values" ("label", "at", "local", "big", "count", "amount", "doc", "docb", "ints", "tags", "bigs", "stamps", "flags", "blob") values ' +
        '($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14), ($15, default, default, default, default, default, default, default, default, default, default, default, default, default)',
    );
    await insert;

    const query = db.select().from(values).orderBy(asc(values.id));
    expect(query.toSQL().sql).toBe('select "id", "label", "at", "local", "big", "count", "amount", "doc", "docb", "ints", "tags", "bigs", "stamps", "flags", "blob" from "values" order by "values"."id" asc');
    const rows = await query;
    expect(rows).toEqual([
      { id: 1, ...full },
      {
        id: 2,
        label: 'empty',
        at: null,
        local: null,
        big: null,
        count: null,
        amount: null,
        doc: null,
        docb: null,
        ints: null,
        tags: null,
        bigs: null,
        stamps: null,
        flags: null,
        blob: null,
      },
    ]);
    const [first] = rows;
    expect(first!.at).toBeInstanceOf(Date);
    expect(typeof first!.big).toBe('bigint');
    expect(Buffer.isBuffer(first!.blob)).toBe(true);
  });

  it('returns every type in PG_RAW_TEXT_OIDS as the text PostgreSQL sends', async () => {
    const selection = Object.fromEntries(Object.entries(rawTextCases).map(([oid, [expr]]) => [`t${oid}`, sql.raw(expr)]));
    const rows = await db.select(selection).from(sql`(select 1) as one`);
    // Where the driver itself parses a type (PGlite's int8, postgres.js's interval[]), a raw `sql`
    // expression returns what Drizzle's driver returns; the columns decode either form.
    const parsed: Record<string, Record<number, unknown>> = { pglite: { 20: 9223372036854775807n }, 'postgres-js': { 1187: ['1 day'] } };
    expect(rows).toEqual([Object.fromEntries(Object.entries(rawTextCases).map(([oid, [, text]]) => [`t${oid}`, parsed[name]?.[Number(oid)] ?? text]))]);
    const types = await db.select(Object.fromEntries(Object.entries(rawTextCases).map(([oid, [expr]]) => [`t${oid}`, sql.raw(`pg_typeof(${expr})::oid::int`)]))).from(sql`(select 1) as one`);
    expect(types).toEqual([Object.fromEntries(Object.keys(rawTextCases).map((oid) => [`t${oid}`, Number(oid)]))]);
  });

  it('binds arrays, Buffers, Dates, bigints and null as parameters', async () => {
    await db.insert(values).values([full, { label: 'other', ints: [9], big: 1n, blob: Buffer.from('x') }]);
    const query = db
      .select({ label: values.label })
      .from(values)
      .where(
        and(
          eq(values.ints, [1, 2, 3]),
          eq(values.tags, full.tags),
          eq(values.flags, [true, false]),
          eq(values.bigs, full.bigs),
          eq(values.stamps, full.stamps),
          eq(values.blob, full.blob),
          eq(values.at, at),
          eq(values.big, 9007199254740993n),
        ),
      );
    // Array columns send PostgreSQL array literals, which every driver passes through as text.
    expect(query.toSQL().params).toEqual([
      '{1,2,3}',
      '{"a","b c","q\\"uote","back\\\\slash",""}',
      '{true,false}',
      '{"9223372036854775807","-1"}',
      `{"${at.toISOString()}","1999-12-31T23:59:59.000Z"}`,
      full.blob,
      at.toISOString(),
      '9007199254740993',
    ]);
    expect(await query).toEqual([{ label: 'full' }]);

    // Raw values in `sql` reach the driver unencoded by any column.
    const raw = db
      .select({
        arr: sql<string>`array_to_string(${sql.param([4, 5, 6])}::int[], '|')`,
        flags: sql<string>`array_to_string(${sql.param([true, false])}::bool[], '|')`,
        bigs: sql<string>`array_to_string(${sql.param([2n ** 62n, 3n])}::int8[], '|')`,
        stamps: sql<string>`array_to_string(${sql.param([at])}::timestamptz[] , '|')`,
        hex: sql<string>`encode(${Buffer.from('hi')}::bytea, 'hex')`,
        epochMs: sql<string>`(extract(epoch from ${at}::timestamptz) * 1000)::int8::text`,
        sum: sql<string>`(${2n ** 62n}::int8 + 1)::text`,
        fallback: sql<number>`coalesce(${null}::int, 7)`,
      })
      .from(values)
      .where(eq(values.label, 'full'));
    expect(await raw).toEqual([
      {
        arr: '4|5|6',
        flags: 't|f',
        bigs: `${2n ** 62n}|3`,
        stamps: '2024-03-05 06:07:08.123+00',
        hex: '6869',
        epochMs: String(at.getTime()),
        sum: String(2n ** 62n + 1n),
        fallback: 7,
      },
    ]);

    await db.insert(values).values({ label: 'nulls', ints: null, big: null, at: null });
    expect(await db.select({ ints: values.ints, big: values.big, at: values.at }).from(values).where(eq(values.label, 'nulls'))).toEqual([{ ints: null, big: null, at: null }]);
  });

  it('commits a transaction and returns its value', async () => {
    const result = await db.transaction(async (tx) => {
      await tx.insert(notes).values({ body: 'a' });
      await tx.insert(notes).values({ body: 'b' });
      return tx.select({ body: notes.body }).from(notes).orderBy(asc(notes.id));
    });
    expect(result).toEqual([{ body: 'a' }, { body: 'b' }]);
    expect(await db.select({ body: notes.body }).from(notes).orderBy(asc(notes.id))).toEqual([{ body: 'a' }, { body: 'b' }]);
  });

  it('rolls back when the callback throws, rethrowing the error', async () => {
    const boom = new Error('boom');
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(notes).values({ body: 'lost' });
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await db.select().from(notes)).toEqual([]);
  });

  it('rolls back on tx.rollback() with TransactionRollbackError', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(notes).values({ body: 'lost' });
        tx.rollback();
      }),
    ).rejects.toBeInstanceOf(TransactionRollbackError);
    expect(await db.select().from(notes)).toEqual([]);
  });

  it('rolls back a nested transaction to its savepoint and keeps the outer work', async () => {
    await db.transaction(async (tx) => {
      await tx.insert(notes).values({ body: 'outer' });
      await expect(
        tx.transaction(async (inner) => {
          await inner.insert(notes).values({ body: 'inner' });
          expect(await inner.select({ body: notes.body }).from(notes).orderBy(asc(notes.id))).toEqual([{ body: 'outer' }, { body: 'inner' }]);
          inner.rollback();
        }),
      ).rejects.toBeInstanceOf(TransactionRollbackError);
      await tx.transaction(async (inner) => {
        await inner.insert(notes).values({ body: 'kept' });
      });
      await tx.insert(notes).values({ body: 'after' });
    });
    expect(await db.select({ body: notes.body }).from(notes).orderBy(asc(notes.id))).toEqual([{ body: 'outer' }, { body: 'kept' }, { body: 'after' }]);
  });

  it('applies isolation level and access mode', async () => {
    let seen: unknown[] = [];
    const write = db.transaction(
      async (tx) => {
        seen = [
          rowsOf(await tx.execute(sql`show transaction_isolation`)),
          await tx.select({ readOnly: sql<string>`current_setting('transaction_read_only')` }).from(notes).limit(1),
          await tx.select({ readOnly: sql<string>`current_setting('transaction_read_only')` }).from(sql`(select 1) as one`),
        ];
        await tx.insert(notes).values({ body: 'not allowed' });
      },
      { isolationLevel: 'serializable', accessMode: 'read only' },
    );
    await expect(write).rejects.toBeInstanceOf(SluiceQueryError);
    await expect(write).rejects.toMatchObject({ cause: { message: expect.stringMatching(/read-only transaction/) } });
    expect(seen).toEqual([[{ transaction_isolation: 'serializable' }], [], [{ readOnly: 'on' }]]);
    expect(await db.select().from(notes)).toEqual([]);

    // The settings last for that transaction only.
    const after = await db.transaction(async (tx) => rowsOf(await tx.execute(sql`show transaction_isolation`)));
    expect(after).toEqual([{ transaction_isolation: 'read committed' }]);
  });

  it('rejects a failing query with SluiceQueryError naming the SQL, params and cause', async () => {
    const query = db.select().from(missing).where(eq(missing.id, 5));
    const error = await query.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SluiceQueryError);
    const e = error as SluiceQueryError;
    expect(e.query).toBe('select "id" from "missing_table" where "missing_table"."id" = $1');
    expect(e.query).toBe(query.toSQL().sql);
    expect(e.params).toEqual([5]);
    expect(e.cause).toBeInstanceOf(Error);
    expect((e.cause as Error).message).toMatch(/relation "missing_table" does not exist/);
    expect(e.message).toContain('select "id" from "missing_table"');
    // The connection (or pool) is still usable afterwards.
    expect(await db.select().from(notes)).toEqual([]);
  });

  it('runs writes without returning through execute and returns the driver result', async () => {
    const result = await db.insert(notes).values([{ body: 'x' }, { body: 'y' }]);
    const affected = name === 'postgres-js' ? (result as unknown as { count: number }).count : name === 'node-postgres' ? (result as unknown as pg.QueryResult).rowCount : (result as unknown as { affectedRows: number }).affectedRows;
    expect(affected).toBe(2);
    expect(await db.insert(notes).values({ body: 'z' }).returning({ id: notes.id, body: notes.body })).toEqual([{ id: 3, body: 'z' }]);
  });
});

/** Where a kit's call forms connect: a fresh server database (unused by PGlite). */
interface Place {
  name: string;
  url: string;
}

/** One way of calling drizzle(): the database it opened and how to check its client. */
interface Form {
  label: string;
  open(place: Place): Promise<{ db: ClientDb; check(client: unknown): void; close(): Promise<void> }>;
}

interface Kit {
  name: string;
  forms: Form[];
  /** `drizzle({ client, ...options })` on a client made for this test. */
  withOptions(place: Place, options: { logger?: boolean | Logger; casing?: 'snake_case' }): Promise<{ db: AnyDb; close(): Promise<void> }>;
  /** Prepares a fresh place to connect; `drop()` removes it. */
  setup(): Promise<Place & { drop(): Promise<void> }>;
}

const schema = { notes };

const wrapPglite = (db: PgliteDatabase<Record<string, unknown>>, check: (c: unknown) => void) => ({ db: db as ClientDb, check, close: () => db.$client.close() });
const isPglite = (c: unknown) => expect(c).toBeInstanceOf(PGlite);
const pgliteKit: Kit = {
  name: 'pglite',
  forms: [
    { label: 'drizzle()', open: async () => wrapPglite(pglite(), isPglite) },
    {
      label: 'drizzle(client)',
      open: async () => {
        const client = new PGlite();
        return wrapPglite(pglite(client), (c) => expect(c).toBe(client));
      },
    },
    { label: 'drizzle(dataDir)', open: async () => wrapPglite(pglite('memory://'), isPglite) },
    { label: 'drizzle(dataDir, options)', open: async () => wrapPglite(pglite('memory://', { schema }), isPglite) },
    {
      label: 'drizzle({ client, schema })',
      open: async () => {
        const client = new PGlite();
        return wrapPglite(pglite({ client, schema }), (c) => expect(c).toBe(client));
      },
    },
    { label: 'drizzle({ connection })', open: async () => wrapPglite(pglite({ connection: { dataDir: 'memory://' } }), isPglite) },
  ],
  async withOptions(_place, options) {
    const db = pglite({ client: new PGlite(), ...options });
    return { db: db as AnyDb, close: () => db.$client.close() };
  },
  setup: async () => ({ name: 'memory', url: 'memory://', drop: async () => {} }),
};

const wrapNodePostgres = (db: NodePgDatabase<Record<string, unknown>, pg.Pool | pg.Client>, check: (c: unknown) => void) => ({
  db: db as ClientDb,
  check,
  close: () => db.$client.end(),
});
const isPool = (max?: number) => (c: unknown) => {
  expect(c).toBeInstanceOf(pg.Pool);
  if (max !== undefined) expect((c as pg.Pool).options.max).toBe(max);
};
const nodePostgresKit: Kit = {
  name: 'node-postgres',
  forms: [
    {
      label: 'drizzle(pool)',
      open: async ({ url }) => {
        const pool = new pg.Pool({ connectionString: url });
        return wrapNodePostgres(nodePostgres(pool), (c) => expect(c).toBe(pool));
      },
    },
    {
      label: 'drizzle(client)',
      open: async ({ url }) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        return wrapNodePostgres(nodePostgres(client), (c) => expect(c).toBe(client));
      },
    },
    { label: 'drizzle(url)', open: async ({ url }) => wrapNodePostgres(nodePostgres(url), isPool()) },
    { label: 'drizzle(url, options)', open: async ({ url }) => wrapNodePostgres(nodePostgres(url, { schema }), isPool()) },
    {
      label: 'drizzle({ client, schema })',
      open: async ({ url }) => {
        const pool = new pg.Pool({ connectionString: url });
        return wrapNodePostgres(nodePostgres({ client: pool, schema }), (c) => expect(c).toBe(pool));
      },
    },
    { label: 'drizzle({ connection: url })', open: async ({ url }) => wrapNodePostgres(nodePostgres({ connection: url }), isPool()) },
    {
      label: 'drizzle({ connection: poolConfig })',
      open: async ({ url }) => wrapNodePostgres(nodePostgres({ connection: { connectionString: url, max: 3 } }), isPool(3)),
    },
  ],
  async withOptions({ url }, options) {
    const db = nodePostgres({ client: new pg.Pool({ connectionString: url }), ...options });
    return { db: db as AnyDb, close: () => db.$client.end() };
  },
  setup: createPgDatabase,
};

const quiet = { onnotice: () => {} };
const wrapPostgresJs = (db: PostgresJsDatabase<Record<string, unknown>>, check: (c: unknown) => void) => ({ db: db as ClientDb, check, close: () => db.$client.end() });
const isSql = (place: Place, max?: number) => (c: unknown) => {
  expect(typeof c).toBe('function');
  const options = (c as postgres.Sql).options;
  expect(options.database).toBe(place.name);
  if (max !== undefined) expect(options.max).toBe(max);
};
const postgresJsKit: Kit = {
  name: 'postgres-js',
  forms: [
    {
      label: 'drizzle(client)',
      open: async ({ url }) => {
        const client = postgres(url, quiet);
        return wrapPostgresJs(postgresJs(client), (c) => expect(c).toBe(client));
      },
    },
    { label: 'drizzle(url)', open: async (place) => wrapPostgresJs(postgresJs(place.url), isSql(place)) },
    { label: 'drizzle(url, options)', open: async (place) => wrapPostgresJs(postgresJs(place.url, { schema }), isSql(place)) },
    {
      label: 'drizzle({ client, schema })',
      open: async ({ url }) => {
        const client = postgres(url, quiet);
        return wrapPostgresJs(postgresJs({ client, schema }), (c) => expect(c).toBe(client));
      },
    },
    { label: 'drizzle({ connection: url })', open: async (place) => wrapPostgresJs(postgresJs({ connection: place.url }), isSql(place)) },
    {
      label: 'drizzle({ connection: options })',
      open: async (place) => wrapPostgresJs(postgresJs({ connection: { url: place.url, max: 3, ...quiet } }), isSql(place, 3)),
    },
  ],
  async withOptions({ url }, options) {
    const db = postgresJs({ client: postgres(url, quiet), ...options });
    return { db: db as AnyDb, close: () => db.$client.end() };
  },
  setup: createPgDatabase,
};

const kits = [pgliteKit, ...(pgServerUrl ? [nodePostgresKit, postgresJsKit] : [])];

describe.each(kits)('driver $name', (kit) => {
  let place: Place & { drop(): Promise<void> };
  beforeAll(async () => {
    place = await kit.setup();
  });
  afterAll(async () => {
    await place?.drop();
  });

  const answer = (db: AnyDb) => db.select({ n: sql<number>`${41} + x`.mapWith(Number) }).from(sql`(values (1)) as v(x)`);

  it.each(kit.forms)('$label', async (form) => {
    const { db, check, close } = await form.open(place);
    try {
      check(db.$client);
      expect(Object.keys(db)).not.toContain('$client');
      if (/schema|options\)/.test(form.label)) expect(db.schema).toBe(schema);
      else expect(db.schema).toBeUndefined();
      const query = answer(db);
      expect(query.toSQL()).toEqual({ sql: 'select $1 + x from (values (1)) as v(x)', params: [41] });
      expect(await query).toEqual([{ n: 42 }]);
    } finally {
      await close();
    }
  });

  it('logger: true prints each statement with DefaultLogger', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { db, close } = await kit.withOptions(place, { logger: true });
    try {
      expect(await answer(db)).toEqual([{ n: 42 }]);
      expect(log).toHaveBeenCalledWith('Query: select $1 + x from (values (1)) as v(x) -- params: [41]');
    } finally {
      log.mockRestore();
      await close();
    }
  });

  it('a custom logger receives SQL and params', async () => {
    const seen: [string, unknown[]][] = [];
    const { db, close } = await kit.withOptions(place, { logger: { logQuery: (q, p) => seen.push([q, p]) }, casing: 'snake_case' });
    try {
      const cased = pgTable('cased', { someValue: integer() });
      await db.execute(sql`create table cased (some_value integer)`);
      await db.insert(cased).values({ someValue: 5 });
      expect(await db.select().from(cased)).toEqual([{ someValue: 5 }]);
      expect(seen).toEqual([
        ['create table cased (some_value integer)', []],
        ['insert into "cased" ("some_value") values ($1)', [5]],
        ['select "some_value" from "cased"', []],
      ]);
    } finally {
      await close();
    }
  });
});

describe('pglite data directory', () => {
  it('keeps rows written and read through sluice after the directory is closed and opened again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-pglite-'));
    try {
      const first = pglite(dir);
      await first.execute(sql.raw(notesDdl));
      await first.insert(notes).values([{ body: 'kept' }, { body: 'also kept' }]);
      await first.transaction(async (tx) => {
        await tx.update(notes).set({ body: 'changed' }).where(eq(notes.body, 'also kept'));
      });
      expect(await first.select().from(notes).orderBy(asc(notes.id))).toEqual([
        { id: 1, body: 'kept' },
        { id: 2, body: 'changed' },
      ]);
      await first.$client.close();

      const again = pglite(dir);
      try {
        expect(await again.select().from(notes).orderBy(asc(notes.id))).toEqual([
          { id: 1, body: 'kept' },
          { id: 2, body: 'changed' },
        ]);
      } finally {
        await again.$client.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const server = pgServerUrl ? describe : describe.skip;

server('node-postgres specifics', () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  beforeAll(async () => {
    database = await createPgDatabase();
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(notesDdl);
    await admin.end();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('types $client and execute() after the client given', async () => {
    const pool = new pg.Pool({ connectionString: database.url });
    const db = nodePostgres(pool);
    try {
      expectTypeOf(db.$client).toEqualTypeOf<pg.Pool>();
      const result = await db.execute(sql`select ${'x'}::text as v`);
      expectTypeOf(result.rowCount).toEqualTypeOf<number | null>();
      expect(result.command).toBe('SELECT');
      expect(result.rows).toEqual([{ v: 'x' }]);
    } finally {
      await pool.end();
    }
  });

  it('runs transactions on a bare Client and on a Pool', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      for (const db of [nodePostgres(client), nodePostgres(pool)] as AnyDb[]) {
        await db.delete(notes);
        const pids = await db.transaction(async (tx) => {
          await tx.insert(notes).values({ body: 'in tx' });
          const a = await tx.select({ pid: sql<number>`pg_backend_pid()` }).from(notes);
          const b = await tx.select({ pid: sql<number>`pg_backend_pid()` }).from(notes);
          return [a[0]!.pid, b[0]!.pid];
        });
        expect(pids[0]).toBe(pids[1]);
        await expect(
          db.transaction(async (tx) => {
            await tx.insert(notes).values({ body: 'rolled back' });
            tx.rollback();
          }),
        ).rejects.toBeInstanceOf(TransactionRollbackError);
        expect(await db.select({ body: notes.body }).from(notes)).toEqual([{ body: 'in tx' }]);
      }
      // Every transaction gave its pooled connection back: more failures than the pool has connections.
      const db = nodePostgres(pool);
      for (let i = 0; i < 3; i++) {
        await expect(
          db.transaction(async (tx) => {
            await tx.select().from(missing);
          }),
        ).rejects.toBeInstanceOf(SluiceQueryError);
      }
      expect(pool.totalCount).toBeLessThanOrEqual(2);
      expect(pool.idleCount).toBe(pool.totalCount);
      expect(await db.select({ body: notes.body }).from(notes)).toEqual([{ body: 'in tx' }]);
    } finally {
      await client.end();
      await pool.end();
    }
  });

  it('prepares a named prepared query once per connection on the server', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const db = nodePostgres(client);
      await db.delete(notes);
      await db.insert(notes).values([{ body: 'a' }, { body: 'b' }]);
      const byBody = db
        .select({ body: notes.body })
        .from(notes)
        .where(eq(notes.body, sql.placeholder('body')))
        .prepare('note_by_body');
      expect(await byBody.execute({ body: 'a' })).toEqual([{ body: 'a' }]);
      expect(await byBody.execute({ body: 'b' })).toEqual([{ body: 'b' }]);
      const { rows } = await client.query<{ name: string; statement: string }>('select name, statement from pg_prepared_statements');
      expect(rows).toEqual([{ name: 'note_by_body', statement: 'select "body" from "notes" where "notes"."body" = $1' }]);
    } finally {
      await client.end();
    }
  });

  it('runs 8 concurrent queries on a pool', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 8 });
    const db = nodePostgres(pool);
    try {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => db.select({ i: sql<number>`${i}::int`, pid: sql<number>`pg_backend_pid()`, slept: sql<string>`pg_sleep(0.1)::text` }).from(sql`(select 1) as one`)));
      expect(results.map((r) => r[0]!.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(new Set(results.map((r) => r[0]!.pid)).size).toBeGreaterThan(1);
    } finally {
      await pool.end();
    }
  });

  it('keeps the client’s own type parsers for the types sluice does not decode', async () => {
    const types = { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 23 ? (v: string) => `int:${v}` : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };
    const pool = new pg.Pool({ connectionString: database.url, types });
    const db = nodePostgres(pool);
    try {
      const rows = await db.select({ n: sql<string>`21::int`, big: sql<string>`21::int8`, ts: sql<string>`'2020-01-02 03:04:05+00'::timestamptz` }).from(sql`(select 1) as one`);
      expect(rows).toEqual([{ n: 'int:21', big: '21', ts: '2020-01-02 03:04:05+00' }]);
    } finally {
      await pool.end();
    }
  });
});

server('postgres-js specifics', () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  beforeAll(async () => {
    database = await createPgDatabase();
    const admin = postgres(database.url, quiet);
    await admin.unsafe(notesDdl);
    await admin.end();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('types $client and execute() after the client given', async () => {
    const client = postgres(database.url, quiet);
    const db = postgresJs(client);
    try {
      expectTypeOf(db.$client).toEqualTypeOf<postgres.Sql>();
      const result = await db.execute(sql`select ${'x'}::text as v`);
      expect(result.count).toBe(1);
      expect([...result]).toEqual([{ v: 'x' }]);
      const insert = await db.insert(notes).values([{ body: 'a' }, { body: 'b' }]);
      expect(insert.count).toBe(2);
      expect(insert.command).toBe('INSERT');
      await db.delete(notes);
    } finally {
      await client.end();
    }
  });

  it('runs transactions on a reserved connection and releases it', async () => {
    const client = postgres(database.url, { ...quiet, max: 2 });
    const db = postgresJs(client);
    try {
      const pids = await db.transaction(async (tx) => {
        await tx.insert(notes).values({ body: 'in tx' });
        const a = await tx.select({ pid: sql<number>`pg_backend_pid()` }).from(notes);
        const b = await tx.select({ pid: sql<number>`pg_backend_pid()` }).from(notes);
        return [a[0]!.pid, b[0]!.pid];
      });
      expect(pids[0]).toBe(pids[1]);
      for (let i = 0; i < 3; i++) {
        await expect(
          db.transaction(async (tx) => {
            await tx.select().from(missing);
          }),
        ).rejects.toBeInstanceOf(SluiceQueryError);
      }
      expect(await db.select({ body: notes.body }).from(notes)).toEqual([{ body: 'in tx' }]);
      await db.delete(notes);
    } finally {
      await client.end();
    }
  });

  it('runs 8 concurrent queries on a pool', async () => {
    const client = postgres(database.url, { ...quiet, max: 8 });
    const db = postgresJs(client);
    try {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => db.select({ i: sql<number>`${i}::int`, pid: sql<number>`pg_backend_pid()`, slept: sql<string>`pg_sleep(0.1)::text` }).from(sql`(select 1) as one`)));
      expect(results.map((r) => r[0]!.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(new Set(results.map((r) => r[0]!.pid)).size).toBeGreaterThan(1);
    } finally {
      await client.end();
    }
  });

  it('returns raw text for array types when sluice runs the first query', async () => {
    // postgres.js installs array parsers when a connection opens, after drizzle() adjusted them.
    const client = postgres(database.url, { ...quiet, max: 2 });
    const db = postgresJs(client);
    try {
      const query = () => db.select({ a: sql<string>`array[1, 2]::int8[]`, t: sql<string>`array['2020-01-02']::date[]`, pid: sql<number>`pg_backend_pid()` }).from(sql`(select 1) as one`);
      const [first, second] = await Promise.all([query(), query()]);
      // int8[] is an array of strings, as postgres.js and Drizzle return it; date[] stays text.
      expect(first).toEqual([{ a: ['1', '2'], t: '{2020-01-02}', pid: expect.any(Number) }]);
      expect(second).toEqual([{ a: ['1', '2'], t: '{2020-01-02}', pid: expect.any(Number) }]);
      expect(first![0]!.pid).not.toBe(second![0]!.pid);
    } finally {
      await client.end();
    }
  });

  it('returns raw text on a client that had already connected', async () => {
    const client = postgres(database.url, quiet);
    try {
      // The first query fetches array types, which installs postgres.js's own array parsers.
      const before = await client`select ${'2020-01-02'}::date as d, array[1,2]::int8[] as a`;
      expect(before[0]!.d).toBeInstanceOf(Date);
      expect(before[0]!.a).toEqual(['1', '2']);
      const db = postgresJs(client);
      const rows = await db.select({ d: sql<string>`${'2020-01-02'}::date`, t: sql<string>`array['2020-01-02']::date[]`, j: sql<string>`'{"k": 1}'::jsonb` }).from(sql`(select 1) as one`);
      expect(rows).toEqual([{ d: '2020-01-02', t: '{2020-01-02}', j: { k: 1 } }]);
    } finally {
      await client.end();
    }
  });
});
