/**
 * The migration linter on the SQL the kit's renderers write (two schema models, diffed and
 * rendered) and on hand-written SQL: exactly the expected findings, quiet on safe changes, and
 * the lint-ignore comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMigrationSql } from '../../src/kit/api/sql-file.js';
import { KitError } from '../../src/kit/config-errors.js';
import { diffSnapshots, type RenameAnswers } from '../../src/kit/diff.js';
import { lintSql, type KnownColumns } from '../../src/kit/lint/index.js';
import type { KitDialectName, TableModel } from '../../src/kit/model.js';
import { kitDialect } from '../../src/kit/registry.js';
import { ddlTargets, type DdlDatabase } from './support/pg-ddl-targets.js';
import { column, foreignKey, index, indexColumn, snapshot, table } from './support/model-builders.js';

type Tables = (d: KitDialectName) => TableModel[];

/** The migration that takes `from` to `to`, as `generate` writes it (breakpoints on). */
function migrationSql(dialect: KitDialectName, from: TableModel[], to: TableModel[], answers: RenameAnswers = {}): string {
  const before = snapshot(dialect, { tables: from });
  const after = snapshot(dialect, { tables: to });
  const diff = diffSnapshots(before, after, answers);
  if (diff.status !== 'ok') throw new Error(`open rename questions: ${JSON.stringify(diff.questions)}`);
  return formatMigrationSql(kitDialect(dialect).render(diff.changes, { from: before, to: after }), { breakpoints: true });
}

/**
 * Lints the migration from `before` to `after` after the one that created `before` (so the old
 * column types are known from SQL, as `sluice lint` knows them); returns `[rule, message]` pairs.
 */
function lintChange(dialect: KitDialectName, before: Tables, after: Tables, answers: RenameAnswers = {}): [string, string][] {
  const known: KnownColumns = new Map();
  expect(lintSql(migrationSql(dialect, [], before(dialect)), dialect, 'init', { known })).toEqual([]);
  return lintSql(migrationSql(dialect, before(dialect), after(dialect), answers), dialect, 'change', { known }).map((f) => [f.rule, f.message]);
}

// Models for the three dialects: PostgreSQL tables live in `public`, the others have no schema.
const schemaOf = (d: KitDialectName) => (d === 'postgresql' ? 'public' : undefined);
const t = (d: KitDialectName, name: string, columns: ReturnType<typeof column>[], extra: Partial<TableModel> = {}) => table(name, columns, { schema: schemaOf(d), ...extra });
const usersColumns = () => [column('id', 'integer', { notNull: true }), column('name', 'varchar(20)'), column('age', 'integer')];
const users = (d: KitDialectName, extra: Partial<TableModel> = {}) => t(d, 'users', usersColumns(), extra);
const posts = (d: KitDialectName, extra: Partial<TableModel> = {}) => t(d, 'posts', [column('id', 'integer', { notNull: true }), column('user_id', 'integer')], extra);
const base: Tables = (d) => [users(d), posts(d)];
const withColumns =
  (columns: ReturnType<typeof column>[]): Tables =>
  (d) => [t(d, 'users', columns), posts(d)];
const postsFk = (d: KitDialectName) => ({ ...foreignKey('posts_user_fk', ['user_id'], 'users', ['id']), schemaTo: schemaOf(d) });
const rebuild = (table: string) => ['table-rebuild', `rebuilds table ${table}: copies every row into __new_${table}, drops ${table} and renames the copy`];

const dialects: KitDialectName[] = ['postgresql', 'mysql', 'sqlite'];

describe('findings on rendered migrations', () => {
  it.each(dialects)('drop column (%s)', (d) => {
    expect(lintChange(d, base, withColumns(usersColumns().slice(0, 2)))).toEqual([['drop-column', 'drops column users.age']]);
  });

  it.each(dialects)('drop table (%s)', (d) => {
    expect(lintChange(d, base, (x) => [users(x)])).toEqual([['drop-table', 'drops table posts']]);
  });

  it.each(['postgresql', 'mysql'] as const)('add NOT NULL column without a default (%s)', (d) => {
    expect(lintChange(d, base, withColumns([...usersColumns(), column('email', 'text', { notNull: true })]))).toEqual([['not-null-without-default', 'adds NOT NULL column users.email without a default']]);
  });

  it.each(['postgresql', 'mysql'] as const)('make a column NOT NULL (%s)', (d) => {
    const [id, name, age] = usersColumns();
    expect(lintChange(d, base, withColumns([id!, { ...name!, notNull: true }, age!]))).toEqual([['not-null-without-default', 'makes column users.name NOT NULL']]);
  });

  it.each(['postgresql', 'mysql'] as const)('type change (%s)', (d) => {
    const [id, name] = usersColumns();
    expect(lintChange(d, base, withColumns([id!, name!, column('age', 'bigint')]))).toEqual([['type-change', 'changes the type of users.age from integer to bigint']]);
  });

  it('a MySQL type change of a NOT NULL column is one finding (MODIFY repeats NOT NULL)', () => {
    const before: Tables = (d) => [t(d, 'users', [column('id', 'integer', { notNull: true }), column('age', 'integer', { notNull: true })])];
    const after: Tables = (d) => [t(d, 'users', [column('id', 'integer', { notNull: true }), column('age', 'bigint', { notNull: true })])];
    expect(migrationSql('mysql', before('mysql'), after('mysql'))).toContain('MODIFY COLUMN `age` bigint NOT NULL');
    expect(lintChange('mysql', before, after)).toEqual([['type-change', 'changes the type of users.age from integer to bigint']]);
  });

  it('index on an existing table (PostgreSQL; quiet on MySQL and SQLite)', () => {
    const indexed: Tables = (d) => [users(d, { indexes: [index('users_name_idx', [indexColumn('name')])] }), posts(d)];
    expect(lintChange('postgresql', base, indexed)).toEqual([['index-not-concurrent', 'creates index users_name_idx on users without CONCURRENTLY']]);
    expect(lintChange('mysql', base, indexed)).toEqual([]);
    expect(lintChange('sqlite', base, indexed)).toEqual([]);
  });

  it('foreign key on an existing table (PostgreSQL; quiet on MySQL, a rebuild on SQLite)', () => {
    const linked: Tables = (d) => [users(d), posts(d, { foreignKeys: [postsFk(d)] })];
    expect(lintChange('postgresql', base, linked)).toEqual([['foreign-key-not-valid', 'adds foreign key posts_user_fk on posts without NOT VALID']]);
    expect(lintChange('mysql', base, linked)).toEqual([]);
    expect(lintChange('sqlite', base, linked)).toEqual([rebuild('posts')]);
  });

  it.each(dialects)('table and column renames (%s)', (d) => {
    const scope = d === 'postgresql' ? 'public.' : '';
    expect(lintChange(d, base, (x) => [t(x, 'people', usersColumns()), posts(x)], { [`table:${scope}people`]: `${scope}users` })).toEqual([['rename', 'renames table users to people']]);
    const [id, , age] = usersColumns();
    expect(lintChange(d, base, withColumns([id!, column('full_name', 'varchar(20)'), age!]), { [`column:${scope}users.full_name`]: 'name' })).toEqual([['rename', 'renames column users.name to full_name']]);
  });

  it('a SQLite table rebuild is one table-rebuild finding, not a drop and a rename', () => {
    const [id, name] = usersColumns();
    const sql = migrationSql('sqlite', base('sqlite'), withColumns([id!, name!, column('age', 'bigint')])('sqlite'));
    expect(sql).toContain('CREATE TABLE `__new_users`');
    expect(sql).toContain('DROP TABLE `users`;');
    expect(sql).toContain('ALTER TABLE `__new_users` RENAME TO `users`;');
    const findings = lintSql(sql, 'sqlite', 'change');
    expect(findings.map((f) => [f.rule, f.message])).toEqual([rebuild('users')]);
    expect(findings[0]!.statement).toMatch(/^CREATE TABLE `__new_users` \(\n/);
    expect(findings[0]!.reason).toContain('the whole table is copied');
  });

  it('each finding names the migration and statement and says why and what instead', () => {
    const [finding] = lintSql(migrationSql('postgresql', base('postgresql'), [users('postgresql')]), 'postgresql', '20261130120000_drop_posts');
    expect(finding).toEqual({
      migration: '20261130120000_drop_posts',
      rule: 'drop-table',
      statement: 'DROP TABLE "posts" CASCADE',
      message: 'drops table posts',
      reason: "The table's rows are lost, and code still running during the deploy that uses the table fails.",
      alternative: 'Stop using the table in code first and deploy that; drop it in a later migration.',
    });
  });
});

describe('quiet on safe changes', () => {
  it.each(dialects)('a new table with its indexes and foreign keys (%s)', (d) => {
    const created: Tables = (x) => [users(x, { indexes: [index('users_name_idx', [indexColumn('name')], { unique: true })] }), posts(x, { foreignKeys: [postsFk(x)], indexes: [index('posts_user_idx', [indexColumn('user_id')])] })];
    const sql = migrationSql(d, [], created(d));
    expect(sql).toMatch(/CREATE UNIQUE INDEX/);
    expect(lintSql(sql, d, 'init')).toEqual([]);
  });

  it.each(dialects)('a nullable column, and a NOT NULL column with a default (%s)', (d) => {
    expect(lintChange(d, base, withColumns([...usersColumns(), column('bio', 'text')]))).toEqual([]);
    expect(lintChange(d, base, withColumns([...usersColumns(), column('score', 'integer', { notNull: true, default: '0' })]))).toEqual([]);
  });

  it('a MySQL MODIFY that keeps the type and nullability (a new default) is quiet', () => {
    const before: Tables = (d) => [t(d, 'm', [column('a', 'decimal(10,2)', { notNull: true }), column('b', "enum('x','y')")])];
    const after: Tables = (d) => [t(d, 'm', [column('a', 'decimal(10,2)', { notNull: true, default: '0' }), column('b', "enum('x','y')", { default: "'x'" })])];
    expect(migrationSql('mysql', before('mysql'), after('mysql'))).toContain('MODIFY COLUMN `a` decimal(10,2) NOT NULL DEFAULT 0');
    expect(lintChange('mysql', before, after)).toEqual([]);
  });

  it('a CONCURRENTLY index in a no-transaction migration (PostgreSQL)', () => {
    const indexed: Tables = (d) => [users(d, { indexes: [index('users_name_idx', [indexColumn('name')], { concurrently: true })] }), posts(d)];
    const sql = `-- sluice:no-transaction\n${migrationSql('postgresql', base('postgresql'), indexed('postgresql'))}`;
    expect(sql).toContain('CREATE INDEX CONCURRENTLY "users_name_idx" ON "users"');
    expect(lintSql(sql, 'postgresql', 'index')).toEqual([]);
  });

  it('a foreign key added NOT VALID and validated later (PostgreSQL, hand-edited)', () => {
    const linked = migrationSql('postgresql', base('postgresql'), [users('postgresql'), posts('postgresql', { foreignKeys: [postsFk('postgresql')] })]);
    const notValid = linked.replace(/;\n$/, ' NOT VALID;\n');
    expect(notValid).toContain('ON UPDATE no action NOT VALID;');
    expect(lintSql(notValid, 'postgresql', 'fk')).toEqual([]);
    expect(lintSql('ALTER TABLE "posts" VALIDATE CONSTRAINT "posts_user_fk";', 'postgresql', 'validate')).toEqual([]);
  });

  it('type changes PostgreSQL makes without a rewrite; narrowing still reported', () => {
    const before: Tables = (d) => [t(d, 'm', [column('v', 'varchar(20)'), column('w', 'varchar(20)'), column('n', 'numeric(10, 2)'), column('o', 'numeric(10, 2)')])];
    const widened: Tables = (d) => [t(d, 'm', [column('v', 'varchar(50)'), column('w', 'text'), column('n', 'numeric(12, 2)'), column('o', 'numeric')])];
    expect(lintChange('postgresql', before, widened)).toEqual([]);
    const narrowed: Tables = (d) => [t(d, 'm', [column('v', 'varchar(10)'), column('w', 'varchar(20)'), column('n', 'numeric(12, 3)'), column('o', 'numeric(10, 2)')])];
    expect(lintChange('postgresql', before, narrowed)).toEqual([
      ['type-change', 'changes the type of m.v from varchar(20) to varchar(10)'],
      ['type-change', 'changes the type of m.n from numeric(10,2) to numeric(12,3)'],
    ]);
  });

  it('varchar widening stays a finding on MySQL (it may copy the table) and is a rebuild on SQLite', () => {
    const [id, , age] = usersColumns();
    const widened = withColumns([id!, column('name', 'varchar(50)'), age!]);
    expect(lintChange('mysql', base, widened)).toEqual([['type-change', 'changes the type of users.name from varchar(20) to varchar(50)']]);
    expect(lintChange('sqlite', base, widened)).toEqual([rebuild('users')]);
  });
});

describe('hand-written SQL', () => {
  it('splits on ; outside strings, comments, quoted names and dollar quotes, without breakpoints', () => {
    const sql = [
      "INSERT INTO notes VALUES ('a; DROP TABLE x');",
      '-- DROP TABLE commented; out',
      '/* ALTER TABLE y DROP COLUMN z; */',
      'CREATE FUNCTION f() RETURNS void AS $body$ BEGIN DROP TABLE inside; END $body$ LANGUAGE plpgsql;',
      'ALTER TABLE "odd;name" DROP COLUMN "a;b"; DROP TABLE IF EXISTS public.old_things, "Other"',
    ].join('\n');
    expect(lintSql(sql, 'postgresql', 'hand').map((f) => [f.rule, f.message, f.statement])).toEqual([
      ['drop-column', 'drops column odd;name.a;b', 'ALTER TABLE "odd;name" DROP COLUMN "a;b"'],
      ['drop-table', 'drops table public.old_things', 'DROP TABLE IF EXISTS public.old_things, "Other"'],
      ['drop-table', 'drops table Other', 'DROP TABLE IF EXISTS public.old_things, "Other"'],
    ]);
  });

  it("looks inside drizzle-kit 0.x's DO blocks", () => {
    const sql = [
      'CREATE TABLE IF NOT EXISTS "posts" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"author_id" integer\n);',
      '--> statement-breakpoint',
      'DO $$ BEGIN\n ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;\nEXCEPTION\n WHEN duplicate_object THEN null;\nEND $$;',
      '--> statement-breakpoint',
      'DO $$ BEGIN\n ALTER TABLE "comments" ADD CONSTRAINT "comments_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;\nEXCEPTION\n WHEN duplicate_object THEN null;\nEND $$;',
    ].join('\n');
    const findings = lintSql(sql, 'postgresql', '0001_fks');
    expect(findings.map((f) => [f.rule, f.message])).toEqual([['foreign-key-not-valid', 'adds foreign key comments_post_id_posts_id_fk on comments without NOT VALID']]);
    expect(findings[0]!.statement).toMatch(/^DO \$\$ BEGIN\n ALTER TABLE "comments"[\s\S]*END \$\$$/);
  });

  it("reads MySQL's backslash escapes and backticks", () => {
    const sql = "INSERT INTO t VALUES ('it\\'s; fine');\nALTER TABLE `db`.`users` CHANGE `name` `full_name` varchar(20), DROP `age`;";
    expect(lintSql(sql, 'mysql', 'hand').map((f) => [f.rule, f.message])).toEqual([
      ['rename', 'renames column db.users.name to full_name'],
      ['type-change', 'changes the type of db.users.full_name to varchar(20)'],
      ['drop-column', 'drops column db.users.age'],
    ]);
  });

  it('tables created earlier in the file are new: quiet, whatever the quoting, schema or case', () => {
    const sql = [
      'CREATE TABLE "Public"."Accounts" (id integer PRIMARY KEY, owner integer);',
      'ALTER TABLE public.accounts ADD COLUMN email text NOT NULL;',
      'ALTER TABLE ACCOUNTS ALTER COLUMN owner SET DATA TYPE bigint;',
      'CREATE INDEX accounts_owner_idx ON "accounts" (owner);',
      'ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (owner) REFERENCES users(id);',
      'ALTER TABLE users ADD CONSTRAINT users_account_fk FOREIGN KEY (account) REFERENCES "Accounts"(id);',
    ].join('\n');
    expect(lintSql(sql, 'postgresql', 'hand').map((f) => f.message)).toEqual(['adds foreign key users_account_fk on users without NOT VALID']);
  });

  it('a PostgreSQL move to another schema is a rename', () => {
    expect(lintSql('ALTER TABLE "public"."users" SET SCHEMA "archive";', 'postgresql', 'x').map((f) => [f.rule, f.message])).toEqual([['rename', 'moves table public.users to schema archive']]);
  });

  it('without earlier migrations an old type is unknown and the change is reported', () => {
    expect(lintSql('ALTER TABLE users ALTER COLUMN name TYPE varchar(50);', 'postgresql', 'x').map((f) => f.message)).toEqual(['changes the type of users.name to varchar(50)']);
  });

  it('NOT NULL on an existing SQLite table, and SET NOT NULL advice on PostgreSQL', () => {
    expect(lintSql('ALTER TABLE `users` ADD `email` text NOT NULL;', 'sqlite', 'x').map((f) => f.rule)).toEqual(['not-null-without-default']);
    expect(lintSql("ALTER TABLE `users` ADD `email` text DEFAULT '' NOT NULL;", 'sqlite', 'x')).toEqual([]);
    const [pg] = lintSql('ALTER TABLE users ALTER COLUMN email SET NOT NULL;', 'postgresql', 'x');
    expect(pg!.alternative).toContain('CHECK (<column> IS NOT NULL) NOT VALID');
    expect(lintSql('ALTER TABLE users ADD COLUMN id bigserial NOT NULL, ADD COLUMN n int GENERATED ALWAYS AS IDENTITY NOT NULL;', 'postgresql', 'x')).toEqual([]);
  });

  it('an unterminated quote is an error naming the migration', () => {
    expect(() => lintSql("INSERT INTO t VALUES ('oops", 'postgresql', '0001_broken')).toThrow(KitError);
    expect(() => lintSql("INSERT INTO t VALUES ('oops", 'postgresql', '0001_broken')).toThrow(/Cannot lint migration 0001_broken: Unterminated quote '/);
  });
});

describe('-- sluice:lint-ignore', () => {
  const twoRisks = 'ALTER TABLE users DROP COLUMN age, RENAME COLUMN name TO full_name';

  it('accepts one rule on the next statement and leaves its other findings and the statements after', () => {
    const sql = `-- sluice:lint-ignore drop-column\n${twoRisks};\nDROP TABLE posts;\n`;
    expect(lintSql(sql, 'postgresql', 'x').map((f) => f.rule)).toEqual(['rename', 'drop-table']);
    const both = `-- sluice:lint-ignore drop-column, rename\n${twoRisks};\n--> statement-breakpoint\n-- sluice:lint-ignore drop-table\nDROP TABLE posts;\n`;
    expect(lintSql(both, 'postgresql', 'x')).toEqual([]);
  });

  it('a reason may follow the rules after a second --', () => {
    expect(lintSql(`-- sluice:lint-ignore drop-column, rename -- both unused since v2\n${twoRisks};`, 'postgresql', 'x')).toEqual([]);
  });

  it('* accepts every rule on the next statement only', () => {
    expect(lintSql(`-- sluice:lint-ignore *\n${twoRisks};\nDROP TABLE posts;`, 'postgresql', 'x').map((f) => f.rule)).toEqual(['drop-table']);
  });

  it('an unknown rule is a finding of its own; the known ones in the comment still apply', () => {
    const findings = lintSql(`-- sluice:lint-ignore drop-colum, rename\n${twoRisks};\n-- sluice:lint-ignore drop-tabel\n`, 'postgresql', 'x');
    expect(findings.map((f) => [f.rule, f.message])).toEqual([
      ['unknown-rule', "unknown rule 'drop-colum' in -- sluice:lint-ignore"],
      ['drop-column', 'drops column users.age'],
      ['unknown-rule', "unknown rule 'drop-tabel' in -- sluice:lint-ignore"],
    ]);
    expect(findings[0]!.statement).toBe(twoRisks);
    expect(findings[0]!.alternative).toContain('drop-column, drop-table, not-null-without-default');
  });
});

describe.each(ddlTargets)('the quiet type changes keep the table on PostgreSQL ($name)', (target) => {
  let db: DdlDatabase;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(() => db.close());

  const relfilenode = async () => (await db.query<{ f: string }>(`SELECT relfilenode::text AS f FROM pg_class WHERE relname = 'lint_m_${process.pid}'`))[0]!.f;
  const columns = (types: string[]) => types.map((type, i) => column(`c${i}`, type));

  it.each([
    { from: ['varchar(20)', 'varchar(20)', 'varchar(20)', 'numeric(10, 2)', 'numeric(10, 2)'], to: ['varchar(50)', 'text', 'varchar', 'numeric(12, 2)', 'numeric'], rewrite: false },
    { from: ['integer'], to: ['bigint'], rewrite: true },
    { from: ['varchar(20)'], to: ['varchar(10)'], rewrite: true },
  ])('$from -> $to: rewrite $rewrite, and lint agrees', async ({ from, to, rewrite }) => {
    const name = `lint_m_${process.pid}`;
    const initial: Tables = (d) => [t(d, name, columns(from))];
    const changed: Tables = (d) => [t(d, name, columns(to))];
    await db.query(`DROP TABLE IF EXISTS "${name}"`);
    for (const s of migrationSql('postgresql', [], initial('postgresql')).split('--> statement-breakpoint')) await db.query(s);
    await db.query(`INSERT INTO "${name}" VALUES (${from.map(() => "'1'").join(', ')})`);
    const node = await relfilenode();
    const change = migrationSql('postgresql', initial('postgresql'), changed('postgresql'));
    expect(change).toContain('SET DATA TYPE');
    for (const s of change.split('--> statement-breakpoint')) await db.query(s);
    expect((await relfilenode()) !== node).toBe(rewrite);
    expect(lintChange('postgresql', initial, changed).length > 0).toBe(rewrite);
    await db.query(`DROP TABLE "${name}"`);
  });
});
