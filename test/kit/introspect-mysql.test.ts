/**
 * MySQL / MariaDB introspection: the catalog's spellings normalised to the serializer's (MariaDB
 * and MySQL 8 forms, the latter from recorded rows), and on the server at SLUICE_MYSQL_URL
 * (MariaDB 10.11): a database created by the kit from a rich schema introspects to exactly the
 * serializer's model, keys and defaults survive (and compile when created again), tracking
 * tables are left out, and a 1,000-table database is read quickly with a fixed number of queries.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'sluice';
import { bigint, int, mysqlTable, serial, uniqueIndex, varchar } from 'sluice/mysql-core';
import { mysqlAsDatabase } from '../../src/dialects/mysql/kit/as-database.js';
import { mysqlViewDefinitionsAsDatabase } from '../../src/dialects/mysql/kit/introspect-views.js';
import { mysqlIntrospect } from '../../src/dialects/mysql/kit/introspect.js';
import { normalizeCheck, normalizeColumnType, normalizeDefault, normalizeGenerated, normalizeOnUpdate, normalizeViewDefinition, unquoteLiteral } from '../../src/dialects/mysql/kit/introspect-normalize.js';
import { mysqlSerialize } from '../../src/dialects/mysql/kit/serialize.js';
import { diffSnapshots } from '../../src/kit/diff.js';
import { canonicalModel, type SchemaModel } from '../../src/kit/model.js';
import { mysql8Rows, mysql8Schema, recordedSession } from './support/mysql8-recorded.js';
import { countingSession, createFromSchema, createStatements, introspectDb, mysqlUrl, type IntrospectDb } from './support/mysql-introspect-support.js';
import { richSchema } from './support/mysql-introspect-schema.js';

const withoutViewDefinitions = (m: SchemaModel): SchemaModel => canonicalModel({ ...m, views: m.views.map((v) => ({ ...v, definition: undefined })) });

describe('mysql introspection: catalog spellings', () => {
  it('drops integer display widths and reads tinyint(1) as boolean, year(4) as year', () => {
    expect(['int(11)', 'bigint(20) unsigned', 'tinyint(1)', 'tinyint(4)', 'tinyint(1) unsigned', 'smallint(6)', 'year(4)', 'int', 'DECIMAL(10,2)', "enum('A','b')"].map(normalizeColumnType)).toEqual([
      'int',
      'bigint unsigned',
      'boolean',
      'tinyint',
      'tinyint unsigned',
      'smallint',
      'year',
      'int',
      'decimal(10,2)',
      "enum('A','b')",
    ]);
  });

  it('reads MariaDB defaults: quoted strings, NULL as text, current_timestamp() and curdate()', () => {
    const d = (type: string, columnDefault: string | null, extra = '') => normalizeDefault({ flavour: 'mariadb', type, columnDefault, extra });
    expect([
      d('varchar(10)', "'it\\'s \\\\ me'"),
      d('text', "'x'"),
      d('json', `'{"a":1}'`),
      d('varchar(10)', 'NULL'),
      d('int', null),
      d('int', '-3'),
      d('decimal(10,2)', '0.00'),
      d('boolean', '1'),
      d('boolean', '0'),
      d('date', "'2000-01-02'"),
      d('timestamp(3)', 'current_timestamp(3)'),
      d('timestamp', 'current_timestamp()'),
      d('date', 'curdate()'),
      d('int', '(1 + 2)'),
      d('float', '1.5'),
    ]).toEqual(["'it''s \\\\ me'", "('x')", `('{"a":1}')`, undefined, undefined, '-3', "'0.00'", 'true', 'false', "'2000-01-02'", '(now(3))', '(now())', '(curdate())', '(1 + 2)', '1.5']);
  });

  it('reads MySQL 8 defaults: bare literals, SQL NULL, DEFAULT_GENERATED expressions with introducers', () => {
    const d = (type: string, columnDefault: string | null, extra = '') => normalizeDefault({ flavour: 'mysql', type, columnDefault, extra });
    expect([
      d("enum('a','b')", 'a'),
      d('varchar(10)', "it's"),
      d('varchar(10)', ''),
      d('int', '7'),
      d('int', null),
      d('decimal(10,2)', '0.00'),
      d('boolean', '0'),
      d('date', '2000-01-02'),
      d('text', "_utf8mb4\\'x\\'", 'default_generated'),
      d('timestamp(3)', 'CURRENT_TIMESTAMP(3)', 'default_generated on update current_timestamp(3)'),
      d('timestamp', 'CURRENT_TIMESTAMP', 'default_generated'),
      d('date', 'curdate()', 'default_generated'),
      d('int', '(1 + 2)', 'default_generated'),
    ]).toEqual(["'a'", "'it''s'", "''", '7', undefined, "'0.00'", 'false', "'2000-01-02'", "('x')", '(now(3))', '(now())', '(curdate())', '(1 + 2)']);
  });

  it('reads on update, generation expressions, check clauses and view queries of both servers', () => {
    expect([normalizeOnUpdate('on update current_timestamp()'), normalizeOnUpdate('DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)'), normalizeOnUpdate('auto_increment')]).toEqual(['current_timestamp', 'current_timestamp(3)', undefined]);
    expect(normalizeGenerated('mariadb', "concat(`email`,'!')")).toBe("concat(`email`, '!')");
    expect(normalizeGenerated('mysql', "concat(`email`,_utf8mb4\\'a,b\\')")).toBe("concat(`email`, 'a,b')");
    expect(normalizeCheck('mariadb', '`age` >= 0')).toBe('`age` >= 0');
    expect(normalizeCheck('mysql', "((`age` >= 0) and (`name` <> _utf8mb4\\'x\\'))")).toBe("(`age` >= 0) and (`name` <> 'x')");
    expect(normalizeViewDefinition('(select `db`.`t`.`id` AS `id` from `db`.`t`)', 'db')).toBe('select `t`.`id` AS `id` from `t`');
    expect([unquoteLiteral("'a''b'"), unquoteLiteral("'a\\'b\\\\'"), unquoteLiteral("_utf8mb4'x'"), unquoteLiteral('12')]).toEqual(["a'b", "a'b\\", 'x', undefined]);
  });

  it('reads recorded MySQL 8 rows (upper-case keys) as the serializer models the schema they came from', async () => {
    const { session, queries } = recordedSession(mysql8Rows);
    const model = await mysqlIntrospect(session, {});
    const expected = mysqlSerialize(mysql8Schema, { casing: undefined });
    expect(canonicalModel({ ...model, views: [] })).toEqual(canonicalModel(expected));
    expect(model.views).toEqual([{ schema: undefined, name: 'adults', definition: 'select `users`.`id` AS `id` from `users` where (`users`.`age` >= 18)', materialized: false, options: { algorithm: 'undefined', sqlSecurity: 'definer' } }]);
    expect(model.tables.map((t) => t.name)).toEqual(['users']);
    // MySQL 8's CHECK_CONSTRAINTS has no table name: its checks are read through TABLE_CONSTRAINTS.
    expect(queries.some((q) => /table_constraints tc join information_schema\.check_constraints/.test(q))).toBe(true);
  });

  it('names what is missing when the connection has no current database', async () => {
    const { session } = recordedSession({ ...mysql8Rows, server: [{ DB: null, VERSION: '8.0.36' }] });
    await expect(mysqlIntrospect(session, {})).rejects.toThrow(/no current database/);
  });
});

describe.skipIf(!mysqlUrl)('mysql introspection on the server (skipped without SLUICE_MYSQL_URL)', () => {
  let db: IntrospectDb;
  beforeEach(async () => {
    db = await introspectDb();
  });
  afterEach(async () => {
    await db.close();
  });

  it('reads a database created from the rich schema as exactly the serializer model (view queries as the server reprints them)', async () => {
    const model = await createFromSchema(db, richSchema);
    const got = await mysqlIntrospect(db.session, {});
    expect(withoutViewDefinitions(got)).toEqual(withoutViewDefinitions(model));
    expect(Object.fromEntries(got.views.map((v) => [v.name, v.definition]))).toEqual({
      active_users: 'select `users`.`id` AS `id`,`users`.`email` AS `email` from `users` where `users`.`active` = 1',
      plain_view: 'select `groups`.`id` AS `id` from `groups`',
    });
    // Diffing the database against the schema finds nothing to do but the reprinted view queries.
    const diff = diffSnapshots(got, model, {});
    expect(diff.status).toBe('ok');
    const changes = diff.status === 'ok' ? diff.changes : [];
    expect(changes.filter((c) => !c.kind.includes('view'))).toEqual([]);
    // With the schema's view queries printed by the server too (what push compares), nothing differs.
    const spelled = await mysqlViewDefinitionsAsDatabase(db.session, model);
    expect(diffSnapshots(got, spelled, {})).toEqual({ status: 'ok', changes: [] });
    expect((await mysqlIntrospect(db.session, {})).views.map((v) => v.name).sort()).toEqual(['active_users', 'plain_view']);
  });

  it('keeps primary keys and writes defaults that create the same database again', async () => {
    await createFromSchema(db, richSchema);
    const first = await mysqlIntrospect(db.session, {});
    expect(first.tables.every((t) => t.primaryKey !== undefined)).toBe(true);
    const again = await introspectDb();
    try {
      for (const statement of createStatements(first)) await again.exec(statement);
      const second = await mysqlIntrospect(again.session, {});
      expect(canonicalModel(second)).toEqual(canonicalModel(first));
      await again.exec("insert into `users` (`email`) values ('a@b.c')");
      const rows = await again.session.query<Record<string, unknown>>('select `role`, `bio`, `visits`, `balance`, `active`, `fullName` from `users`');
      expect(rows).toEqual([{ role: 'Guest', bio: "it's \\ me", visits: 0, balance: '0.00', active: 1, fullName: 'a@b.c!' }]);
    } finally {
      await again.close();
    }
  });

  it('reads serial back as serial without its implied unique key, and an explicit bigint auto_increment as itself', async () => {
    const a = mysqlTable('a', { id: serial().primaryKey() });
    const b = mysqlTable('b', { id: bigint({ mode: 'number', unsigned: true }).primaryKey().autoincrement() });
    const c = mysqlTable('c', { n: serial(), name: varchar({ length: 5 }) });
    const model = await createFromSchema(db, [a, b, c]);
    const uniques = await db.session.query<Record<string, unknown>>('select table_name as t, index_name as n from information_schema.statistics where table_schema = database() and non_unique = 0 order by table_name, index_name');
    expect(uniques.map((r) => `${String(r.t)}.${String(r.n)}`)).toEqual(['a.id', 'a.PRIMARY', 'b.PRIMARY', 'c.n']);
    const got = canonicalModel(await mysqlIntrospect(db.session, {}));
    expect(got.tables).toEqual(canonicalModel(model).tables);
    const [ta, tb, tc] = got.tables;
    expect(ta!.columns.map((col) => [col.name, col.type, col.autoincrement, col.notNull])).toEqual([['id', 'serial', true, true]]);
    expect([ta!.uniques, tc!.uniques]).toEqual([[], []]);
    expect(tc!.columns[0]).toMatchObject({ name: 'n', type: 'serial', autoincrement: true, notNull: true });
    expect(tb!.columns.map((col) => [col.name, col.type, col.autoincrement])).toEqual([['id', 'bigint unsigned', true]]);
  });

  it('leaves out the tracking tables and the index InnoDB adds for a foreign key, but keeps a declared index on the same column', async () => {
    await db.exec('create table `__sluice_migrations` (id int primary key); create table `__drizzle_migrations` (id int primary key)');
    await db.exec('create table p (id int primary key); create table c (id int primary key, p_id int, q_id int, constraint c_p_fk foreign key (p_id) references p(id), constraint c_q_fk foreign key (q_id) references p(id))');
    await db.exec('create index c_q_idx on c (q_id)');
    const got = canonicalModel(await mysqlIntrospect(db.session, {}));
    expect(got.tables.map((t) => t.name)).toEqual(['c', 'p']);
    const c = got.tables[0]!;
    expect(c.indexes.map((i) => i.name)).toEqual(['c_q_idx']);
    expect(c.foreignKeys.map((f) => [f.name, f.columns, f.tableTo, f.columnsTo, f.onDelete, f.onUpdate])).toEqual([
      ['c_p_fk', ['p_id'], 'p', ['id'], 'restrict', 'restrict'],
      ['c_q_fk', ['q_id'], 'p', ['id'], 'restrict', 'restrict'],
    ]);
  });

  it('reads a plain unique index as a unique constraint, the one form MySQL keeps of both', async () => {
    const t = mysqlTable('t', { id: int().primaryKey(), a: int(), b: int() }, (cols) => [uniqueIndex('t_a_b_uq').on(cols.a, cols.b)]);
    const model = await createFromSchema(db, [t]);
    expect(model.tables[0]!.indexes.map((i) => [i.name, i.unique])).toEqual([['t_a_b_uq', true]]);
    const got = await mysqlIntrospect(db.session, {});
    expect([got.tables[0]!.uniques, got.tables[0]!.indexes]).toEqual([[{ name: 't_a_b_uq', columns: ['a', 'b'], nullsNotDistinct: false }], []]);
    // The schema's side as push and check --db compare it: the same constraint, so nothing to do.
    expect(diffSnapshots(got, model, {})).toMatchObject({ status: 'ok', changes: [{ kind: 'drop_unique' }, { kind: 'create_index' }] });
    expect(diffSnapshots(got, await mysqlAsDatabase(db.session, model), {})).toEqual({ status: 'ok', changes: [] });
  });

  it('reports its catalog queries as progress steps', async () => {
    await createFromSchema(db, [mysqlTable('t', { id: int().primaryKey(), v: varchar({ length: 3 }).default(sql`'x'`) })]);
    const steps: string[] = [];
    await mysqlIntrospect(db.session, { onProgress: (s) => steps.push(s) });
    expect(steps).toEqual(['server', 'tables', 'columns', 'indexes', 'foreign key columns', 'foreign key rules', 'checks', 'views']);
  });

  it('reads a 1,000-table database in a few seconds with the same number of queries as a 10-table one', async () => {
    const many = (n: number) => {
      const parts: string[] = ['create table t0 (id int primary key)'];
      for (let i = 1; i <= n; i++) {
        const cols = Array.from({ length: 8 }, (_, k) => `c${k} varchar(20) default 'v${k}'`).join(', ');
        parts.push(`create table t${i} (id int primary key, ref int, ${cols}, index t${i}_c0_idx (c0), constraint t${i}_ref_fk foreign key (ref) references t0(id))`);
      }
      return parts;
    };
    const small = await introspectDb();
    try {
      await small.exec(many(10).join(';\n'));
      const smallCount = countingSession(small.session);
      await mysqlIntrospect(smallCount.session, {});
      for (let i = 0; i < 1000; i += 100)
        await db.exec(
          many(1000)
            .slice(i === 0 ? 0 : i + 1, i + 101)
            .join(';\n'),
        );
      const counted = countingSession(db.session);
      const start = performance.now();
      const model = await mysqlIntrospect(counted.session, {});
      const ms = performance.now() - start;
      console.log(`mysql introspection of 1,001 tables: ${ms.toFixed(0)} ms, ${counted.count()} queries`);
      expect(model.tables).toHaveLength(1001);
      expect(model.tables.find((t) => t.name === 't500')).toMatchObject({
        columns: expect.arrayContaining([expect.objectContaining({ name: 'c3', default: "'v3'" })]),
        indexes: [expect.objectContaining({ name: 't500_c0_idx' })],
        foreignKeys: [expect.objectContaining({ name: 't500_ref_fk' })],
      });
      expect(counted.count()).toBe(smallCount.count());
      expect(ms).toBeLessThan(10_000);
    } finally {
      await small.close();
    }
  }, 120_000);
});
