/**
 * Types of the pg-core schema API: network and geometric columns, enums from TypeScript enum
 * objects, table creators, schemas, materialized views and their refresh, table configs and the
 * dialect classes. Compiled against the built package by `npm run typecheck`.
 */
import { DrizzleError, DrizzleQueryError, type getViewSelectedFields, placeholder, sql, type SluiceError, type Query } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import {
  cidr,
  customType,
  type getMaterializedViewConfig,
  getTableConfig,
  index,
  inet,
  integer,
  line,
  macaddr,
  macaddr8,
  PgDialect,
  pgEnum,
  pgMaterializedView,
  type PgPolicy,
  pgPolicy,
  pgSchema,
  type PgSequence,
  pgTable,
  pgTableCreator,
  pgView,
  point,
  serial,
  text,
} from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';
import { customType as sqliteCustomType, getTableConfig as sqliteTableConfig, integer as sqliteInteger, sqliteTableCreator, SQLiteSyncDialect } from 'sluice/sqlite-core';
import { MySqlDialect, mysqlEnum, mysqlTable } from 'sluice/mysql-core';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

enum Mood {
  Sad = 'sad',
  Happy = 'happy',
}
const mood = pgEnum('mood', Mood);

const places = pgTable('places', {
  id: serial('id').primaryKey(),
  ip: inet('ip').notNull(),
  net: cidr('net'),
  mac: macaddr('mac'),
  mac8: macaddr8('mac8'),
  at: point('at').notNull(),
  atXY: point('at_xy', { mode: 'xy' }),
  atTuple: point('at_tuple', { mode: 'tuple' }),
  edge: line('edge'),
  edgeABC: line('edge_abc', { mode: 'abc' }),
  mood: mood('mood').notNull(),
});
type Place = typeof places.$inferSelect;
expectType<
  Equal<
    Place,
    {
      id: number;
      ip: string;
      net: string | null;
      mac: string | null;
      mac8: string | null;
      at: [number, number];
      atXY: { x: number; y: number } | null;
      atTuple: [number, number] | null;
      edge: [number, number, number] | null;
      edgeABC: { a: number; b: number; c: number } | null;
      // TypeScript tells `Mood` from the union of its members in this check; each is assignable to the other.
      mood: Mood.Sad | Mood.Happy;
    }
  >
>();
const placeMood: Mood = null! as Place['mood'];
const moodOfPlace: Place['mood'] = Mood.Sad;
void [placeMood, moodOfPlace];
// @ts-expect-error a value outside the enum
places.$inferInsert.mood = 'angry';
// @ts-expect-error point takes no other mode
point('p', { mode: 'abc' });

const prefixed = pgTableCreator((name) => `app_${name}`);
const users = prefixed('users', { id: serial('id').primaryKey(), name: text('name').notNull() });
expectType<Equal<typeof users.$inferSelect, { id: number; name: string }>>();
expectType<Equal<typeof users._.name, 'users'>>();

const app = pgSchema('app');
const appUsers = app.table('users', { id: serial('id').primaryKey() });
expectType<Equal<typeof appUsers._.schema, 'app'>>();
const appMood = app.enum('mood', ['a', 'b']);
expectType<Equal<typeof appMood.enumValues, readonly ['a', 'b']>>();
const appSeq: PgSequence = app.sequence('seq', { startWith: 1, cycle: true });
void appSeq;
sql`create schema ${app}`;

const totals = pgMaterializedView('totals')
  .withNoData()
  .as((qb) => qb.select({ id: users.id, name: users.name }).from(users));
expectType<Equal<typeof totals.$inferSelect, { id: number; name: string }>>();
const declared = app.materializedView('declared', { n: integer('n').notNull() }).existing();
expectType<Equal<typeof declared.$inferSelect, { n: number }>>();
expectType<Equal<keyof ReturnType<typeof getViewSelectedFields<typeof totals>>, 'id' | 'name'>>();
// @ts-expect-error a plain view has no withNoData()
pgView('v').withNoData();
expectType<Equal<ReturnType<typeof getMaterializedViewConfig>['withNoData'], boolean | undefined>>();

const db = drizzle();
db.refreshMaterializedView(totals).concurrently();
db.refreshMaterializedView(totals).withNoData();
const sqliteDb = betterSqlite();
// @ts-expect-error refreshing a materialized view is PostgreSQL only
sqliteDb.refreshMaterializedView(totals);

const withPolicies = pgTable('docs', { id: serial('id').primaryKey(), owner: text('owner') }, (t) => [pgPolicy('own', { for: 'select', to: 'public', using: sql`${t.owner} = current_user` })]).enableRLS();
const config = getTableConfig(withPolicies);
expectType<Equal<typeof config.policies, PgPolicy[]>>();
expectType<Equal<typeof config.enableRLS, boolean>>();
expectType<Equal<typeof config.name, string>>();
// @ts-expect-error policies are PostgreSQL's
sqliteTableConfig(sqliteTableCreator((n) => n)('t', { id: sqliteInteger('id') })).policies;

const q: Query = new PgDialect({ casing: 'snake_case' }).sqlToQuery(sql`select ${placeholder('x')}`);
void q;
new MySqlDialect().sqlToQuery(sql`select 1`);
new SQLiteSyncDialect().sqlToQuery(sql`select 1`);

const e: unknown = new Error();
if (e instanceof DrizzleError) expectType<Equal<typeof e, SluiceError>>();
if (e instanceof DrizzleQueryError) {
  const text: string = e.query;
  void text;
}

const money = customType<{ data: number; driverData: string }>({ dataType: () => 'numeric(12, 2)', fromDriver: Number, toDriver: String });
const sized = customType<{ data: string; config: { size: number }; configRequired: true }>({ dataType: (config) => `varchar(${config.size})` });
const always = customType<{ data: boolean; notNull: true; default: true }>({ dataType: () => 'boolean' });
const wallets = pgTable('wallets', { amount: money('amount').notNull(), label: sized({ size: 3 }), history: money('history').array(), flag: always('flag') });
expectType<Equal<typeof wallets.$inferSelect, { amount: number; label: string | null; history: number[] | null; flag: boolean }>>();
expectType<Equal<typeof wallets.$inferInsert, { amount: number; label?: string | null; history?: number[] | null; flag?: boolean }>>();
// @ts-expect-error its config is required
sized('label');
// @ts-expect-error the value is a number
money().default('x');
const sqliteMoney = sqliteCustomType<{ data: number }>({ dataType: () => 'real' });
sqliteMoney('m').notNull();

pgTable('ordered', { title: text('title') }, (t) => [index('title_idx').on(t.title.desc().nullsLast().op('text_ops'))]);

const alerts = mysqlTable('alerts', { level: mysqlEnum('level', Mood).notNull() });
const alertLevel: Mood = null! as (typeof alerts.$inferSelect)['level'];
void alertLevel;
// @ts-expect-error a value outside the enum
alerts.$inferInsert.level = 'angry';
