/** Rich schemas per dialect whose models the code generator must write back exactly. */
import { sql } from 'sluice';
import * as my from 'sluice/mysql-core';
import * as pg from 'sluice/pg-core';
import * as lite from 'sluice/sqlite-core';

const mood = pg.pgEnum('mood', ['sad', 'ok', "it's fine"]);
const auth = pg.pgSchema('auth');
const level = auth.enum('level', ['low', 'high']);
const orderNumbers = pg.pgSequence('order_numbers', { startWith: 1000, increment: 2, cache: 10 });
const authSeq = auth.sequence('auth_seq', { minValue: 1, maxValue: '9223372036854775807', cycle: true });
const admin = pg.pgRole('admin', { createRole: true, createDb: true, inherit: false });

const users = pg.pgTable(
  'users',
  {
    id: pg.serial().primaryKey(),
    emailAddress: pg.varchar({ length: 256 }).notNull().unique(),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a default holding quote, backslash, backtick and `${` for codegen to escape
    displayName: pg.text('Display Name').default("O'Brien \\ `x` ${y}"),
    mood: mood().default('ok'),
    moods: mood().array().default(['sad', 'ok']),
    tags: pg.text().array().array(),
    settings: pg.jsonb().default({ theme: "it's dark" }),
    loose: pg.json().default(sql`'{"a": 1}'::json`),
    active: pg.boolean().default(true),
    score: pg.numeric({ precision: 10, scale: 2 }).default('1.50'),
    ratio: pg.numeric({ precision: 5 }),
    plain: pg.numeric(),
    big: pg.bigint({ mode: 'bigint' }).default(9007199254740993n),
    small: pg.smallint().default(-3),
    real: pg.real().default(1.5),
    dbl: pg.doublePrecision(),
    bornOn: pg.date().default('2000-01-01'),
    createdAt: pg.timestamp({ precision: 3 }).defaultNow().notNull(),
    seenAt: pg.timestamp({ withTimezone: true, mode: 'string' }).default('2024-01-02T03:04:05.678Z'),
    at: pg.time({ precision: 2, withTimezone: true }),
    span: pg.interval({ fields: 'day to second', precision: 3 }),
    token: pg.uuid().defaultRandom(),
    code: pg.char({ length: 2 }),
    bytes: pg.bytea(),
    addr: pg.inet(),
    net: pg.cidr(),
    mac: pg.macaddr(),
    where: pg.point(),
    lowerEmail: pg.text().generatedAlwaysAs((): ReturnType<typeof sql> => sql`lower(${users.emailAddress})`),
    levelOf: level(),
    managerId: pg.integer().references((): pg.AnyPgColumn => users.id, { onDelete: 'set null' }),
    mentorId: pg.integer().references((): pg.AnyPgColumn => users.id),
  },
  (t) => [
    pg.check('score_positive', sql`${t.score} > ${0}`),
    pg.index('users_lower_email_idx').on(sql`lower(${t.emailAddress})`),
    pg.index().on(t.displayName.desc(), t.createdAt.asc().nullsFirst()),
    pg.uniqueIndex('users_display_name_hash').using('hash', t.displayName).where(sql`${t.active} = ${true}`).with({ fillfactor: 70 }).concurrently(),
    pg.index('users_email_pattern').on(t.emailAddress.op('text_pattern_ops')),
    pg.pgPolicy('own rows', { for: 'select', to: [admin, 'current_user'], using: sql`${t.emailAddress} = current_user` }),
    pg.pgPolicy('strict', { as: 'restrictive', withCheck: sql`true` }),
  ],
);

const orders = auth.table(
  'orders',
  {
    userId: pg.integer().notNull(),
    orderNo: pg.integer('order_no').notNull(),
    ident: pg.integer().generatedAlwaysAsIdentity({ name: 'orders_ident_seq', startWith: 5, increment: 5, minValue: 1, maxValue: 1000, cache: 1, cycle: true }),
    byDefault: pg.bigint({ mode: 'number' }).generatedByDefaultAsIdentity(),
    note: pg.text(),
  },
  (t) => [
    pg.primaryKey({ columns: [t.userId, t.orderNo] }),
    pg.foreignKey({ columns: [t.userId], foreignColumns: [users.id] }).onUpdate('cascade'),
    pg.foreignKey({ name: 'orders_named_fk', columns: [t.orderNo], foreignColumns: [users.id] }).onDelete('cascade'),
    pg.unique().on(t.note, t.orderNo).nullsNotDistinct(),
    pg.unique('orders_note_key').on(t.note),
  ],
);

const named = pg.pgTable('named', { a: pg.integer().notNull(), b: pg.integer().notNull(), 'weird col': pg.text() }, (t) => [pg.primaryKey({ name: 'named_custom_pk', columns: [t.a, t.b] })]).enableRLS();
const single = pg.pgTable('single key', { id: pg.integer() }, (t) => [pg.primaryKey({ name: 'single_named_pk', columns: [t.id] })]);

const activeUsers = pg
  .pgView('active_users')
  .with({ checkOption: 'local', securityBarrier: true })
  .as((qb) => qb.select({ id: users.id }).from(users).where(sql`${users.active}`));
const bigOrders = auth
  .materializedView('big_orders')
  .using('heap')
  .withNoData()
  .as((qb) => qb.select({ note: orders.note }).from(orders));

/** A PostgreSQL schema with every kind of object the generator writes. */
export const pgEntities: unknown[] = [mood, auth, level, orderNumbers, authSeq, admin, users, orders, named, single, activeUsers, bigOrders];

const authors = my.mysqlTable('authors', {
  id: my.serial().primaryKey(),
  name: my.varchar({ length: 100 }).notNull().default("O'Neil \\ x"),
  bio: my.text().default('none'),
  age: my.int({ unsigned: true }).default(18),
  big: my.bigint({ mode: 'number', unsigned: true }),
  tiny: my.tinyint(),
  medium: my.mediumint(),
  small: my.smallint().default(2),
  price: my.decimal({ precision: 10, scale: 2 }).default('9.99'),
  ratio: my.double({ precision: 8, scale: 3 }),
  flt: my.float(),
  isActive: my.boolean().default(false),
  role: my.mysqlEnum(['guest', "o'k"]).default('guest'),
  born: my.date().default(new Date('2000-01-02T00:00:00Z')),
  createdAt: my.timestamp({ fsp: 3 }).defaultNow().onUpdateNow(),
  seen: my.datetime().default(sql`'2024-01-01 00:00:00'`),
  at: my.time({ fsp: 2 }),
  yr: my.year(),
  data: my.json().default({ a: 1 }),
  blobby: my.blob(),
  fixed: my.char({ length: 3 }),
  bin: my.binary({ length: 4 }),
  vbin: my.varbinary({ length: 8 }),
  upper: my.varchar({ length: 100 }).generatedAlwaysAs(sql`upper(name)`, { mode: 'stored' }),
  lower: my.varchar({ length: 100 }).generatedAlwaysAs(sql`lower(name)`),
});

const books = my.mysqlTable(
  'books',
  {
    id: my.int().autoincrement().primaryKey(),
    authorId: my.bigint({ mode: 'number', unsigned: true }).references(() => authors.id, { onDelete: 'cascade' }),
    editorId: my.bigint({ mode: 'number', unsigned: true }),
    title: my.varchar({ length: 200 }).notNull(),
  },
  (t) => [
    my.foreignKey({ name: 'books_editor_fk', columns: [t.editorId], foreignColumns: [authors.id] }),
    my.uniqueIndex('books_title_idx').on(t.title),
    my.index('books_author_idx').using('btree', t.authorId, t.title),
    my.check('title_len', sql`char_length(${t.title}) > 0`),
  ],
);

const tags = my.mysqlTable('book_tags', { bookId: my.int().notNull(), tag: my.varchar({ length: 20 }).notNull() }, (t) => [my.primaryKey({ columns: [t.bookId, t.tag] }), my.unique('tag_per_book').on(t.tag, t.bookId)]);
const titles = my
  .mysqlView('titles')
  .algorithm('merge')
  .sqlSecurity('invoker')
  .as((qb) => qb.select({ title: books.title }).from(books));

/** A MySQL schema with every kind of object the generator writes. */
export const mysqlEntities: unknown[] = [authors, books, tags, titles];

const people = lite.sqliteTable('people', {
  id: lite.integer().primaryKey({ autoIncrement: true }),
  name: lite.text().notNull().default("it's"),
  nick: lite.text({ length: 20 }).unique(),
  score: lite.real().default(0.5),
  amount: lite.numeric().default('12.5'),
  flag: lite.integer({ mode: 'boolean' }).default(true),
  photo: lite.blob(),
  upper: lite.text().generatedAlwaysAs(sql`upper(name)`, { mode: 'virtual' }),
  parentId: lite.integer().references((): lite.AnySQLiteColumn => people.id, { onDelete: 'cascade' }),
  friendId: lite.integer().references((): lite.AnySQLiteColumn => people.id),
});

const pets = lite.sqliteTable(
  'pets',
  {
    ownerId: lite.integer('owner_id').notNull(),
    name: lite.text().notNull(),
    born: lite.integer({ mode: 'timestamp' }).default(sql`(unixepoch())`),
  },
  (t) => [
    lite.primaryKey({ columns: [t.ownerId, t.name] }),
    lite
      .foreignKey({ columns: [t.ownerId], foreignColumns: [people.id] })
      .onDelete('cascade')
      .onUpdate('restrict'),
    lite.index('pets_name_idx').on(t.name).where(sql`${t.name} <> ''`),
    lite.check('name_present', sql`length(${t.name}) > 0`),
  ],
);
// Names that are not identifiers, reserved words and names of imported functions.
const awkward = lite.sqliteTable('order', {
  select: lite.integer('select').notNull(),
  second: lite.text('2nd col'),
  proto: lite.text('__proto__'),
  text: lite.text('text'),
});
const integerTable = lite.sqliteTable('integer', { id: lite.integer('1') });
const classTable = lite.sqliteTable('class', { id: lite.integer() });

const petNames = lite.sqliteView('pet_names').as((qb) => qb.select({ name: pets.name }).from(pets));

/** A SQLite schema with every kind of object the generator writes. */
export const sqliteEntities: unknown[] = [people, pets, petNames, awkward, integerTable, classTable];
