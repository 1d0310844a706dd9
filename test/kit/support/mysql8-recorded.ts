/**
 * information_schema rows as MySQL 8.0 returns them for a small schema (upper-case keys, bare
 * literal defaults, SQL NULL for no default, `DEFAULT_GENERATED`, escaped expressions with charset
 * introducers, parenthesised check clauses, functional index parts), served by a session that
 * answers each catalog query with its recorded rows. The schema they describe is `mysql8Schema`.
 */
import { sql } from 'sluice';
import { bigint, boolean, check, date, decimal, index, int, json, mysqlEnum, mysqlTable, serial, text, timestamp, uniqueIndex, varchar, type AnyMySqlColumn } from 'sluice/mysql-core';
import type { MigrationSession } from '../../../src/kit/runner.js';

type Row = Record<string, unknown>;

export const mysql8Users = mysqlTable(
  'users',
  {
    id: serial().primaryKey(),
    email: varchar({ length: 255 }).notNull().unique(),
    role: mysqlEnum(['guest', 'admin']).notNull().default('guest'),
    bio: text().default("it's"),
    prefs: json().default({ a: 1 }),
    active: boolean().default(true),
    amount: decimal({ precision: 10, scale: 2 }).default('0.00'),
    n: int().default(7),
    three: int().default(sql`(1 + 2)`),
    born: date().default(new Date('2000-01-02T00:00:00Z')),
    createdAt: timestamp({ fsp: 3 }).defaultNow().onUpdateNow(),
    fullName: varchar({ length: 300 }).generatedAlwaysAs(sql`concat(${sql.identifier('email')}, '!')`, { mode: 'virtual' }),
    age: int(),
    managerId: bigint({ mode: 'number', unsigned: true }).references((): AnyMySqlColumn => mysql8Users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('users_lower_email').on(sql`(lower(${t.email}))`), index('users_age_idx').on(t.age), check('age_check', sql`${t.age} >= 0`)],
);

export const mysql8Schema = [mysql8Users];

const col = (name: string, type: string, nullable: boolean, dflt: string | null, extra = '', gen = ''): Row => ({
  TBL: 'users',
  COL: name,
  COL_TYPE: type,
  NULLABLE: nullable ? 'YES' : 'NO',
  DFLT: dflt,
  EXTRA: extra,
  GEN: gen,
});

const stat = (idx: string, seq: number, column: string | null, unique: boolean, extra: Partial<Row> = {}): Row => ({
  TBL: 'users',
  IDX: idx,
  NON_UNIQUE: unique ? 0 : 1,
  SEQ: seq,
  COL: column,
  COLL: 'A',
  SUB_PART: null,
  IDX_TYPE: 'BTREE',
  EXPR: null,
  ...extra,
});

/** The rows, by the catalog table each query reads. */
export const mysql8Rows: Record<string, Row[]> = {
  server: [{ DB: 'app', VERSION: '8.0.36' }],
  tables: [{ TBL: 'users' }, { TBL: '__drizzle_migrations' }],
  columns: [
    col('id', 'bigint unsigned', false, null, 'auto_increment'),
    col('email', 'varchar(255)', false, null),
    col('role', "enum('guest','admin')", false, 'guest'),
    col('bio', 'text', true, "_utf8mb4\\'it\\\\\\'s\\'", 'DEFAULT_GENERATED'),
    col('prefs', 'json', true, '_utf8mb4\\\'{\\"a\\":1}\\\'', 'DEFAULT_GENERATED'),
    col('active', 'tinyint(1)', true, '1'),
    col('amount', 'decimal(10,2)', true, '0.00'),
    col('n', 'int', true, '7'),
    col('three', 'int', true, '(1 + 2)', 'DEFAULT_GENERATED'),
    col('born', 'date', true, '2000-01-02'),
    col('createdAt', 'timestamp(3)', true, 'CURRENT_TIMESTAMP(3)', 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)'),
    col('fullName', 'varchar(300)', true, null, 'VIRTUAL GENERATED', "concat(`email`,_utf8mb4\\'!\\')"),
    col('age', 'int', true, null),
    col('managerId', 'bigint unsigned', true, null),
    { ...col('id', 'int', false, null), TBL: '__drizzle_migrations' },
  ],
  statistics: [
    stat('PRIMARY', 1, 'id', true),
    stat('id', 1, 'id', true),
    stat('users_email_unique', 1, 'email', true),
    stat('users_lower_email', 1, null, true, { EXPR: 'lower(`email`)' }),
    stat('users_age_idx', 1, 'age', false),
    stat('users_managerId_users_id_fk', 1, 'managerId', false),
  ],
  key_column_usage: [{ TBL: 'users', NAME: 'users_managerId_users_id_fk', COL: 'managerId', REF_SCHEMA: 'app', REF_TABLE: 'users', REF_COL: 'id' }],
  referential_constraints: [{ TBL: 'users', NAME: 'users_managerId_users_id_fk', ON_UPDATE: 'NO ACTION', ON_DELETE: 'SET NULL' }],
  check_constraints: [{ TBL: 'users', NAME: 'age_check', CLAUSE: '(`age` >= 0)', LVL: 'Table' }],
  views: [{ NAME: 'adults', DEF: 'select `app`.`users`.`id` AS `id` from `app`.`users` where (`app`.`users`.`age` >= 18)', CHECK_OPTION: 'NONE', SECURITY: 'DEFINER', ALGORITHM: 'UNDEFINED' }],
};

/** A session answering the introspection's catalog queries with `rows`; `queries` records the SQL it was sent. */
export function recordedSession(rows: Record<string, Row[]>): { session: MigrationSession; queries: string[] } {
  const queries: string[] = [];
  const pick = (sql: string): Row[] => {
    if (/version\(\)/i.test(sql)) return rows.server ?? [];
    const m = /information_schema\.(\w+)/i.exec(sql);
    const table = m?.[1]?.toLowerCase() ?? '';
    // The MySQL 8 check query reads table_constraints joined to check_constraints.
    if (table === 'table_constraints' && /check_constraints/i.test(sql)) return rows.check_constraints ?? [];
    const found = rows[table];
    if (found === undefined) throw new Error(`no recorded rows for: ${sql}`);
    return found;
  };
  const session: MigrationSession = {
    dialect: 'mysql',
    execute: async () => {
      throw new Error('the recorded session only answers queries');
    },
    query: async <T>(sql: string) => {
      queries.push(sql);
      return pick(sql) as T[];
    },
    transaction: async (fn) => fn(session),
  };
  return { session, queries };
}
