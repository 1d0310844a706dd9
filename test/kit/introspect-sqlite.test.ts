/**
 * SQLite introspection on better-sqlite3 and libsql (file databases): a database created from a
 * schema by the kit reads back as exactly the serializer's model of that schema; each feature
 * read from the pragmas or the stored CREATE text; tracking tables left out; and a 1,000-table
 * database read quickly with a query count that does not grow with the number of tables.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'sluice';
import { blob, check, foreignKey, index, integer, numeric, primaryKey, real, sqliteTable, sqliteView, text, unique, uniqueIndex, type AnySQLiteColumn } from 'sluice/sqlite-core';
import { sqliteIntrospect } from '../../src/dialects/sqlite/kit/introspect.js';
import { parseCreateIndex, parseCreateTable, parseCreateView, SqliteSchemaParseError, tokenize } from '../../src/dialects/sqlite/kit/introspect-parse.js';
import { diffSnapshots } from '../../src/kit/diff.js';
import { canonicalModel } from '../../src/kit/model.js';
import { sqliteSerialize } from '../../src/dialects/sqlite/kit/serialize.js';
import { countingSession, createFromSchema, createStatements, migrate, sqliteDrivers, type OpenSqlite } from './support/sqlite-introspect-support.js';

const users = sqliteTable(
  'users',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    emailAddress: text().notNull().unique(),
    nickname: text({ length: 40 }).default("O'Brien"),
    active: integer({ mode: 'boolean' }).default(true),
    joinedAt: integer({ mode: 'timestamp' }).default(new Date('2024-01-02T03:04:05Z')),
    createdAt: integer().default(sql`(unixepoch())`),
    stamp: text().default(sql`CURRENT_TIMESTAMP`),
    prefs: text({ mode: 'json' }).default({ theme: "it's (dark)" }),
    payload: blob({ mode: 'json' }).default({ a: 1 }),
    ratio: real().default(-0.5),
    amount: numeric().default('1.50'),
    emailLower: text().generatedAlwaysAs(sql`lower(${sql.identifier('email_address')})`, { mode: 'virtual' }),
    emailLen: integer().generatedAlwaysAs(sql`length(${sql.identifier('email_address')}) + 1`, { mode: 'stored' }),
    parentId: integer().references((): AnySQLiteColumn => users.id, { onDelete: 'cascade', onUpdate: 'set null' }),
  },
  (t) => [
    index('users_email_lower_idx').on(sql`lower(${t.emailAddress})`).where(sql`${t.active} = ${true}`),
    index('users_created_idx').on(t.createdAt, t.nickname),
    uniqueIndex('users_nickname_idx').on(t.nickname),
    check('ratio_range', sql`${t.ratio} between ${-1} and ${1}`),
    check('nick, "quoted" (paren)', sql`${t.nickname} <> ${"a,b)'"}`),
  ],
);
const tags = sqliteTable('tags', { userId: integer().notNull(), tag: text().notNull(), note: text(), label: text() }, (t) => [
  primaryKey({ columns: [t.userId, t.tag] }),
  foreignKey({ columns: [t.userId], foreignColumns: [users.id] }).onDelete('restrict'),
  unique().on(t.note, t.label),
  index('tags_note_idx').on(t.note).where(sql`${t.note} is not null`),
]);
const tagRefs = sqliteTable('tag_refs', { id: integer().primaryKey(), userId: integer().notNull(), tag: text().notNull() }, (t) => [
  foreignKey({ columns: [t.userId, t.tag], foreignColumns: [tags.userId, tags.tag] })
    .onDelete('cascade')
    .onUpdate('cascade'),
]);
const activeUsers = sqliteView('active_users').as((qb) => qb.select({ id: users.id, email: users.emailAddress }).from(users).where(eq(users.active, true)));
const richSchema = [users, tags, tagRefs, activeUsers];

for (const driver of sqliteDrivers) {
  describe(`sqliteIntrospect on ${driver.name}`, () => {
    let db: OpenSqlite;
    beforeEach(async () => {
      db = await driver.open();
    });
    afterEach(async () => db.close());

    it('reads a database made from a rich schema as exactly the serializer model of that schema', async () => {
      const model = await createFromSchema(db.session, richSchema, 'snake_case');
      const read = await sqliteIntrospect(db.session, {});
      expect(canonicalModel(read)).toEqual(canonicalModel(model));
      // The database is real: rows go in with the defaults and generated values it was given.
      await db.session.execute(`insert into users (email_address) values ('A@B.C')`);
      const [row] = await db.session.query<Record<string, unknown>>('select email_lower, email_len, nickname, active, ratio from users');
      expect({ ...row, active: Number(row!.active), email_len: Number(row!.email_len) }).toEqual({ email_lower: 'a@b.c', email_len: 6, nickname: "O'Brien", active: 1, ratio: -0.5 });
    });

    it('after the round trip, diffing the read model against the schema finds no changes, and the read model recreates the same SQL', async () => {
      const model = await createFromSchema(db.session, richSchema, 'snake_case');
      const read = await sqliteIntrospect(db.session, {});
      expect(diffSnapshots(read, model, {})).toEqual({ status: 'ok', changes: [] });
      expect(createStatements(read)).toEqual(createStatements(model));
    });

    it('round-trips names with quotes, backticks, commas and spaces under no casing', async () => {
      const odd = sqliteTable('odd `t`', { myId: integer('my "id"').primaryKey(), camelCol: text('a,b c').unique(), other: text('x`y').default('(') }, (t) => [
        index('odd, idx').on(t.camelCol, t.other),
        check('odd "check"', sql`${t.other} <> ${')'}`),
      ]);
      const model = await createFromSchema(db.session, [odd], undefined);
      expect(canonicalModel(await sqliteIntrospect(db.session, {}))).toEqual(canonicalModel(model));
    });

    it('reads a database migrated through a table rebuild as the serializer model of the new schema', async () => {
      const before = sqliteTable('items', { id: integer().primaryKey(), name: text().notNull(), qty: integer().default(0), ownerId: integer() });
      const after = sqliteTable('items', { id: integer().primaryKey(), name: text().notNull().unique(), qty: integer().notNull().default(1), ownerId: integer().references(() => users.id, { onDelete: 'set null' }) }, (t) => [
        check('qty_positive', sql`${t.qty} > 0`),
        index('items_owner_idx').on(t.ownerId),
      ]);
      const from = await createFromSchema(db.session, [users, before], 'snake_case');
      await db.session.execute("insert into items (name, qty) values ('a', 3)");
      const to = sqliteSerialize([users, after], { casing: 'snake_case' });
      const statements = await migrate(db.session, from, to);
      expect(statements.some((s) => s.startsWith('CREATE TABLE `__new_items`'))).toBe(true);
      expect(canonicalModel(await sqliteIntrospect(db.session, {}))).toEqual(canonicalModel(to));
      expect(await db.session.query('select name, qty from items')).toEqual([{ name: 'a', qty: 3 }]);
    });

    it("reads drizzle-kit's spellings as the serializer's: TRUE and FALSE defaults as 1 and 0, the table's own columns bare in checks", async () => {
      await db.session.execute('CREATE TABLE `f` (`a` integer DEFAULT true, `b` integer DEFAULT FALSE, `c` text DEFAULT \'true\', CONSTRAINT "f_a_check" CHECK("f"."a" > "f"."b"))');
      const [f] = (await sqliteIntrospect(db.session, {})).tables;
      expect(f!.columns.map((col) => col.default)).toEqual(['1', '0', "'true'"]);
      expect(f!.checks).toEqual([{ name: 'f_a_check', expression: '"a" > "b"' }]);
    });

    it('reads columns: types lower-cased, primary keys not null, parenthesised and bare defaults, generated columns', async () => {
      await db.session.execute(
        'CREATE TABLE `c` (`id` INTEGER PRIMARY KEY, `n` VARCHAR(10) DEFAULT \'x\', `d` real DEFAULT -2.5, `e` text DEFAULT (lower(\'A\')), `t` text DEFAULT CURRENT_TIMESTAMP, `g` text AS (upper("n")) STORED, `h` int GENERATED ALWAYS AS ("d" * 2))',
      );
      const [c] = (await sqliteIntrospect(db.session, {})).tables;
      expect(c!.columns.map((col) => [col.name, col.type, col.notNull, col.default, col.generated, col.autoincrement])).toEqual([
        ['id', 'integer', true, undefined, undefined, false],
        ['n', 'varchar(10)', false, "'x'", undefined, false],
        ['d', 'real', false, '-2.5', undefined, false],
        ['e', 'text', false, "(lower('A'))", undefined, false],
        ['t', 'text', false, 'CURRENT_TIMESTAMP', undefined, false],
        ['g', 'text', false, undefined, { as: 'upper("n")', type: 'stored' }, false],
        ['h', 'int', false, undefined, { as: '"d" * 2', type: 'virtual' }, false],
      ]);
      expect(c!.primaryKey).toEqual({ name: 'PRIMARY', columns: ['id'] });
    });

    it('reads AUTOINCREMENT from the CREATE text and composite primary keys in key order', async () => {
      await db.session.execute('CREATE TABLE a (id integer primary key autoincrement, x text); CREATE TABLE b (x text, y int, z int, primary key (z, x))');
      const { tables } = await sqliteIntrospect(db.session, {});
      expect(tables.map((t) => t.name)).toEqual(['a', 'b']);
      expect(tables[0]!.columns[0]!.autoincrement).toBe(true);
      expect(tables[0]!.columns[1]!.autoincrement).toBe(false);
      expect(tables[1]!.primaryKey).toEqual({ name: 'PRIMARY', columns: ['z', 'x'] });
      expect(tables[1]!.columns.filter((col) => col.notNull).map((col) => col.name)).toEqual(['x', 'z']);
    });

    it('reads foreign keys: actions, composite keys, CONSTRAINT names, and targets that name no columns', async () => {
      await db.session.execute(
        'CREATE TABLE p (a int, b int, primary key (a, b)); CREATE TABLE q (id integer primary key); ' +
          'CREATE TABLE r (x int, y int, z int REFERENCES q ON DELETE SET DEFAULT, CONSTRAINT "r_to_p" FOREIGN KEY (x, y) REFERENCES p (a, b) ON UPDATE CASCADE, FOREIGN KEY (y) REFERENCES q(id) ON DELETE RESTRICT)',
      );
      const r = (await sqliteIntrospect(db.session, {})).tables.find((t) => t.name === 'r')!;
      expect(r.foreignKeys).toEqual([
        { name: 'r_z_q_id_fk', columns: ['z'], tableTo: 'q', schemaTo: undefined, columnsTo: ['id'], onDelete: 'set default', onUpdate: 'no action' },
        { name: 'r_to_p', columns: ['x', 'y'], tableTo: 'p', schemaTo: undefined, columnsTo: ['a', 'b'], onDelete: 'no action', onUpdate: 'cascade' },
        { name: 'r_y_q_id_fk', columns: ['y'], tableTo: 'q', schemaTo: undefined, columnsTo: ['id'], onDelete: 'restrict', onUpdate: 'no action' },
      ]);
    });

    it('reads checks with their names, column-level and unnamed ones included, quotes and parentheses kept', async () => {
      await db.session.execute(`CREATE TABLE k (a int CONSTRAINT "a_pos" CHECK (a > 0), b text CHECK(b <> ')'), CONSTRAINT \`ab, x\` CHECK(("a" + 1) > length("b")), CHECK (b is not null))`);
      const [k] = (await sqliteIntrospect(db.session, {})).tables;
      expect(k!.checks).toEqual([
        { name: 'a_pos', expression: 'a > 0' },
        { name: 'k_check_1', expression: "b <> ')'" },
        { name: 'ab, x', expression: '("a" + 1) > length("b")' },
        { name: 'k_check_2', expression: 'b is not null' },
      ]);
    });

    it('reads uniques: inline UNIQUE as constraints, kit-written `_unique` indexes as constraints, other unique indexes as indexes', async () => {
      await db.session.execute(
        'CREATE TABLE u (a int UNIQUE, b int, c int, d int, CONSTRAINT "u_bc" UNIQUE (b, c)); ' + 'CREATE UNIQUE INDEX "u_d_unique" ON u ("d"); CREATE UNIQUE INDEX "u_d_key" ON u ("d"); CREATE UNIQUE INDEX "u_lower_unique" ON u (lower(a))',
      );
      const [u] = (await sqliteIntrospect(db.session, {})).tables;
      expect(canonicalModel({ ...emptyModel(), tables: [u!] }).tables[0]!.uniques).toEqual([
        { name: 'u_a_unique', columns: ['a'], nullsNotDistinct: false },
        { name: 'u_bc', columns: ['b', 'c'], nullsNotDistinct: false },
        { name: 'u_d_unique', columns: ['d'], nullsNotDistinct: false },
      ]);
      expect(u!.indexes.map((i) => [i.name, i.unique, i.columns.map((col) => [col.expression, col.isExpression])])).toEqual([
        ['u_d_key', true, [['"d"', false]]],
        ['u_lower_unique', true, [['lower(a)', true]]],
      ]);
    });

    it('reads indexes: plain columns quoted, expressions and WHERE as written, DESC, COLLATE dropped', async () => {
      await db.session.execute("CREATE TABLE i (a text, b int); CREATE INDEX `i_mix` ON i (b DESC, lower(a || ',') COLLATE NOCASE, `a`) WHERE b > 0 AND a <> 'x'");
      const [i] = (await sqliteIntrospect(db.session, {})).tables;
      expect(i!.indexes).toEqual([
        {
          name: 'i_mix',
          columns: [
            { expression: '"b"', isExpression: false, order: 'desc', nulls: 'last', opClass: undefined },
            { expression: "lower(a || ',')", isExpression: true, order: 'asc', nulls: 'last', opClass: undefined },
            { expression: '"a"', isExpression: false, order: 'asc', nulls: 'last', opClass: undefined },
          ],
          unique: false,
          where: "b > 0 AND a <> 'x'",
          method: undefined,
          concurrently: false,
          with: undefined,
        },
      ]);
    });

    it('reads views from their CREATE text, column lists skipped', async () => {
      await db.session.execute('CREATE TABLE v0 (a int); CREATE VIEW "v1" AS select a from v0; CREATE VIEW IF NOT EXISTS v2 (x) AS  select a + 1 from v0 where a > 0');
      const { views } = await sqliteIntrospect(db.session, {});
      expect(views).toEqual([
        { schema: undefined, name: 'v1', definition: 'select a from v0', materialized: false, options: {} },
        { schema: undefined, name: 'v2', definition: 'select a + 1 from v0 where a > 0', materialized: false, options: {} },
      ]);
    });

    it('leaves out sqlite_*, virtual and shadow tables and the tracking tables but keeps a rebuild leftover `__new_*` table', async () => {
      await db.session.execute(
        'CREATE TABLE t (id integer primary key autoincrement); CREATE TABLE __sluice_migrations (id int); CREATE TABLE __drizzle_migrations (id int); CREATE TABLE __new_t (id int); CREATE TABLE t_stat (x int); ANALYZE; ' +
          'CREATE VIRTUAL TABLE docs USING fts5(body)',
      );
      await db.session.execute('insert into t default values');
      const master = await db.session.query<{ name: string }>("select name from sqlite_master where type = 'table' order by name");
      expect(master.map((r) => r.name)).toContain('sqlite_sequence');
      const { tables } = await sqliteIntrospect(db.session, {});
      expect(tables.map((t) => t.name).sort()).toEqual(['__new_t', 't', 't_stat']);
    });

    it('reads an empty database as the empty model and reports progress after each catalog query', async () => {
      const steps: string[] = [];
      expect(await sqliteIntrospect(db.session, { onProgress: (s) => steps.push(s) })).toEqual(emptyModel());
      expect(steps).toEqual(['objects', 'columns', 'foreign keys', 'indexes']);
    });

    it('reads 1,000 tables (10 columns, an index and a foreign key each) in under 10 s with a fixed number of queries', async () => {
      const small = countingSession(db.session);
      await db.session.execute(generatedTables(0, 3));
      await sqliteIntrospect(small.session, {});
      await db.session.execute(generatedTables(3, 1000));
      const big = countingSession(db.session);
      const started = performance.now();
      const model = await sqliteIntrospect(big.session, {});
      const ms = performance.now() - started;
      console.log(`${driver.name}: introspected 1,000 tables in ${Math.round(ms)} ms with ${big.count()} queries`);
      expect(model.tables).toHaveLength(1000);
      expect(model.tables.every((t) => t.columns.length === 10 && t.indexes.length === 1 && t.foreignKeys.length === (t.name === 'g0' ? 0 : 1))).toBe(true);
      expect(big.count()).toBe(small.count());
      expect(big.count()).toBe(4);
      expect(ms).toBeLessThan(10_000);
    }, 60_000);
  });
}

function emptyModel() {
  return { dialect: 'sqlite' as const, schemas: [], enums: [], sequences: [], tables: [], views: [], roles: [] };
}

/** Tables g<from>..g<to-1>: 10 columns, an index, and a foreign key to the previous table. */
function generatedTables(from: number, to: number): string {
  const out: string[] = [];
  for (let n = from; n < to; n++) {
    const cols = ['id integer primary key', ...Array.from({ length: 8 }, (_, c) => `c${c} text default 'v${c}'`), n === 0 ? 'prev int' : `prev int references g${n - 1}(id) on delete cascade`];
    out.push(`CREATE TABLE g${n} (${cols.join(', ')}); CREATE INDEX g${n}_c0_idx ON g${n} (c0, lower(c1))`);
  }
  return `BEGIN;\n${out.join(';\n')};\nCOMMIT`;
}

describe('SQLite CREATE text parsing', () => {
  it('tokenizes quotes with doubled quote characters, brackets, blobs and comments', () => {
    expect(tokenize(`"a""b" \`c\`\`d\` [e f] 'it''s' x'0A' -- note\n /* c */ 1.5e3 >= ->>`).map((t) => [t.kind, t.value])).toEqual([
      ['ident', 'a"b'],
      ['ident', 'c`d'],
      ['ident', 'e f'],
      ['string', "it's"],
      ['string', "x'0A'"],
      ['number', '1.5e3'],
      ['punct', '>='],
      ['punct', '->>'],
    ]);
  });

  it('reads generated columns, defaults, checks and names past commas and parentheses inside strings', () => {
    const t = parseCreateTable(`CREATE TABLE "t" ("a" text DEFAULT ('x,)') NOT NULL, "b" text GENERATED ALWAYS AS (a || ',(') VIRTUAL, CHECK (a <> ','))`);
    expect([...t.columns.values()]).toEqual([
      { name: 'a', autoincrement: false, defaultExpression: "('x,)')", generated: undefined },
      { name: 'b', autoincrement: false, defaultExpression: undefined, generated: { as: "a || ',('", type: 'virtual' } },
    ]);
    expect(t.checks).toEqual([{ name: undefined, expression: "a <> ','" }]);
    expect(parseCreateIndex('CREATE UNIQUE INDEX IF NOT EXISTS main.x ON t ("a" ASC) WHERE a is not null;')).toEqual({ columns: [{ text: '"a"', column: 'a', desc: false }], where: 'a is not null' });
    expect(parseCreateView('CREATE TEMP VIEW v AS select 1;')).toBe('select 1');
  });

  it('rejects SQL it cannot read with an error that names the problem', () => {
    expect(() => parseCreateTable('CREATE TABLE t (a text')).toThrow(SqliteSchemaParseError);
    expect(() => parseCreateTable('CREATE TABLE t (a text')).toThrow(/Unbalanced parentheses/);
    expect(() => tokenize("select 'oops")).toThrow(/Unterminated quote '/);
    expect(() => parseCreateView('CREATE VIEW v select 1')).toThrow(/Expected AS after the view name/);
  });
});
