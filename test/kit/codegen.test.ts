/**
 * Schema code generation, checked by round trip: a rich schema per dialect is serialized, the
 * model is written as TypeScript, the files are loaded with the kit's loader and serialized
 * again, and the two models must be equal. All generated files then compile under strict tsc.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { mysqlSerialize } from '../../src/dialects/mysql/kit/serialize.js';
import { pgSerialize } from '../../src/dialects/pg/kit/serialize.js';
import { sqliteSerialize } from '../../src/dialects/sqlite/kit/serialize.js';
import { generateSchemaSource, type CodegenOptions } from '../../src/kit/codegen.js';
import { createModuleLoader } from '../../src/kit/config-loader.js';
import type { KitCasing } from '../../src/kit/dialect.js';
import { canonicalModel, type KitDialectName as AnyKitDialectName, type SchemaModel } from '../../src/kit/model.js';

/** The dialects this suite covers (drizzle-kit 0.x's three; CockroachDB has its own suites). */
type KitDialectName = Exclude<AnyKitDialectName, 'cockroach'>;
import { mysqlEntities, pgEntities, sqliteEntities } from './support/codegen-schemas.js';

const repo = resolve(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'sluice-codegen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The dialects with a full-schema fixture here; SQL Server's round trip is in codegen-mssql.test.ts. */
type Tested = Exclude<KitDialectName, 'mssql'>;

const serializers: Record<Tested, (entities: readonly unknown[], options: { casing: KitCasing | undefined }) => SchemaModel> = {
  postgresql: pgSerialize,
  mysql: mysqlSerialize,
  sqlite: sqliteSerialize,
};
const entities: Record<Tested, unknown[]> = { postgresql: pgEntities, mysql: mysqlEntities, sqlite: sqliteEntities };

let folders = 0;
/** Writes the generated files to a fresh folder and returns it. */
function write(files: { schema: string; relations: string }): string {
  const dir = join(root, `out${++folders}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'schema.ts'), files.schema);
  writeFileSync(join(dir, 'relations.ts'), files.relations);
  return dir;
}

async function roundTrip(dialect: Tested, options: Omit<CodegenOptions, 'dialect'>): Promise<{ files: { schema: string; relations: string }; dir: string; exports: Record<string, unknown> }> {
  const serialize = serializers[dialect];
  const model = serialize(entities[dialect], { casing: options.configCasing });
  const files = generateSchemaSource(model, { dialect, ...options });
  const dir = write(files);
  const loader = createModuleLoader(dir);
  const exports = await loader.load(join(dir, 'schema.ts'));
  const again = serialize(Object.values(exports), { casing: options.configCasing });
  expect(canonicalModel(again)).toEqual(canonicalModel(model));
  const relations = await loader.load(join(dir, 'relations.ts'));
  expect(Object.keys(relations).length).toBeGreaterThan(0);
  return { files, dir, exports: { ...exports, ...relations } };
}

const dialectsUnderTest: Tested[] = ['postgresql', 'mysql', 'sqlite'];

describe('generateSchemaSource round trip', () => {
  for (const dialect of dialectsUnderTest) {
    for (const casing of ['camel', 'preserve'] as const) {
      for (const relations of ['v1', 'v2'] as const) {
        it(`${dialect}: casing ${casing}, relations ${relations} -> the same model`, async () => {
          await roundTrip(dialect, { casing, relations });
        });
      }
    }
    it(`${dialect}: a config with snake_case casing -> names are passed explicitly and survive`, async () => {
      const { files } = await roundTrip(dialect, { casing: 'camel', relations: 'v1', configCasing: 'snake_case' });
      expect(files.schema).not.toMatch(/\w+: \w+\(\)/);
    });
  }
});

describe('generated PostgreSQL source', () => {
  const model = pgSerialize(pgEntities, { casing: undefined });
  const { schema, relations } = generateSchemaSource(model, { dialect: 'postgresql', casing: 'camel', relations: 'v1' });

  it('imports only what it uses, from sluice/pg-core and sluice', () => {
    expect(schema).toMatch(/^import \{ [^}]*type AnyPgColumn[^}]* \} from 'sluice\/pg-core';\nimport \{ sql \} from 'sluice';/);
    expect(schema).not.toMatch(/\bmysqlTable\b|\bsqliteTable\b/);
  });

  it('writes builders with their parameters', () => {
    expect(schema).toContain('emailAddress: varchar({ length: 256 }).notNull().unique(),');
    expect(schema).toContain("score: numeric({ precision: 10, scale: 2 }).default('1.50'),");
    expect(schema).toContain("createdAt: timestamp({ mode: 'string', precision: 3 }).notNull().defaultNow(),");
    expect(schema).toContain("seenAt: timestamp({ mode: 'string', withTimezone: true }).default('2024-01-02T03:04:05.678Z'),");
    expect(schema).toContain('moods: moodEnum().array().default(sql`\'{"sad","ok"}\'`),');
    expect(schema).toContain('tags: text().array().array(),');
    expect(schema).toContain("span: interval({ fields: 'day to second', precision: 3 }),");
    expect(schema).toContain('id: serial().primaryKey(),');
    expect(schema).toContain('settings: jsonb().default({"theme":"it\'s dark"}),');
    expect(schema).toContain('loose: json().default(sql`\'{"a": 1}\'::json`),');
    expect(schema).toContain("big: bigint({ mode: 'number' }).default(sql`9007199254740993`),");
    expect(schema).toContain(".generatedAlwaysAsIdentity({ name: 'orders_ident_seq', startWith: 5, increment: 5, minValue: 1, maxValue: 1000, cache: 1, cycle: true })");
    expect(schema).toContain(`lowerEmail: text().generatedAlwaysAs(sql\`lower("emailAddress")\`),`);
    expect(schema).toContain("managerId: integer().references((): AnyPgColumn => users.id, { onDelete: 'set null' }),");
  });

  it('escapes text that is special in JavaScript strings and sql templates', () => {
    // biome-ignore lint/style/useTemplate lint/suspicious/noTemplateCurlyInString: the raw part keeps its backslashes, the plain part is the literal text `${y}`
    expect(schema).toContain(String.raw`displayName: text('Display Name').default('O\'Brien \\ ` + '`x` ${y}' + `'),`);
    expect(schema).toContain(`export const moodEnum = pgEnum('mood', ['sad', 'ok', 'it\\'s fine']);`);
  });

  it('declares schemas, schema objects, sequences, roles, views and row-level security', () => {
    expect(schema).toContain("export const authSchema = pgSchema('auth');");
    expect(schema).toContain("export const levelEnum = authSchema.enum('level', ['low', 'high']);");
    expect(schema).toContain("export const orderNumbersSequence = pgSequence('order_numbers', { startWith: 1000, increment: 2, cache: 10 });");
    expect(schema).toContain("authSchema.sequence('auth_seq', { minValue: 1, maxValue: '9223372036854775807', cycle: true })");
    expect(schema).toContain("export const adminRole = pgRole('admin', { createDb: true, createRole: true, inherit: false });");
    expect(schema).toContain("export const orders = authSchema.table('orders', {");
    expect(schema).toContain(".with({ checkOption: 'local', securityBarrier: true }).as(sql`");
    expect(schema).toContain("authSchema.materializedView('big_orders', {}).using('heap').withNoData().as(sql`");
    expect(schema).toMatch(/export const named = pgTable\('named', \{[\s\S]*?\]\)\.enableRLS\(\);/);
  });

  it('writes table-level constraints, indexes and policies in the extras callback', () => {
    expect(schema).toContain('primaryKey({ columns: [t.userId, t.orderNo] }),');
    expect(schema).toContain("primaryKey({ name: 'named_custom_pk', columns: [t.a, t.b] }),");
    expect(schema).toContain("primaryKey({ name: 'single_named_pk', columns: [t.id] }),");
    expect(schema).toContain("userId: integer().notNull().references((): AnyPgColumn => users.id, { onUpdate: 'cascade' }),");
    expect(schema).toContain("foreignKey({ name: 'orders_named_fk', columns: [t.orderNo], foreignColumns: [users.id] }).onDelete('cascade'),");
    expect(schema).toContain("unique('orders_note_order_no_unique').on(t.note, t.orderNo).nullsNotDistinct(),");
    expect(schema).toContain('check(\'score_positive\', sql`"score" > 0`),');
    expect(schema).toContain('index(\'users_lower_email_idx\').on(sql`lower("emailAddress")`),');
    expect(schema).toContain("index('users_Display Name_createdAt_index').on(t.displayName.desc(), t.createdAt.nullsFirst()),");
    expect(schema).toContain("uniqueIndex('users_display_name_hash').using('hash', t.displayName).concurrently().with({ fillfactor: '70' }).where(sql`\"active\" = true`),");
    expect(schema).toContain("index('users_email_pattern').on(t.emailAddress.op('text_pattern_ops')),");
    expect(schema).toContain("pgPolicy('own rows', { for: 'select', to: ['admin', 'current_user'], using: sql`\"emailAddress\" = current_user` }),");
    expect(schema).toContain("pgPolicy('strict', { as: 'restrictive', withCheck: sql`true` }),");
    expect(schema).toContain("weirdCol: text('weird col'),");
  });

  it('v1 relations: one on the foreign key side, many on the other, named when two keys link the same tables', () => {
    expect(relations).toContain("import { relations } from 'sluice';");
    expect(relations).toContain("manager: one(users, { fields: [users.managerId], references: [users.id], relationName: 'users_managerId_users_id_fk' }),");
    expect(relations).toContain("usersByManager: many(users, { relationName: 'users_managerId_users_id_fk' }),");
    expect(relations).toContain("user: one(users, { fields: [orders.userId], references: [users.id], relationName: 'orders_userId_users_id_fk' }),");
    expect(relations).toContain("ordersByUser: many(orders, { relationName: 'orders_userId_users_id_fk' }),");
    expect(relations).toContain("orderNoUsers: one(users, { fields: [orders.orderNo], references: [users.id], relationName: 'orders_named_fk' }),");
    expect(relations).toContain("ordersByOrderNo: many(orders, { relationName: 'orders_named_fk' }),");
  });

  it('v2 relations: defineRelations with from/to and aliases', () => {
    const v2 = generateSchemaSource(model, { dialect: 'postgresql', casing: 'camel', relations: 'v2' }).relations;
    expect(v2).toContain("import { defineRelations } from 'sluice';");
    expect(v2).toContain("user: r.one.users({ from: r.orders.userId, to: r.users.id, alias: 'orders_userId_users_id_fk' }),");
    expect(v2).toContain("ordersByUser: r.many.orders({ alias: 'orders_userId_users_id_fk' }),");
  });
});

describe('generated names', () => {
  it('turns names that are not identifiers or are taken into valid, unique variables and keys', () => {
    const { schema } = generateSchemaSource(sqliteSerialize(sqliteEntities, { casing: undefined }), { dialect: 'sqlite', casing: 'preserve', relations: 'v1' });
    expect(schema).toContain("export const order = sqliteTable('order', {");
    expect(schema).toContain("export const integer2 = sqliteTable('integer', {");
    expect(schema).toContain("export const classTable = sqliteTable('class', {");
    expect(schema).toContain("  _1: integer('1'),");
    expect(schema).toContain("  '2nd col': text(),");
    expect(schema).toContain("  proto: text('__proto__'),");
    expect(schema).toContain('  select: integer().notNull(),');
  });
});

describe('generateSchemaSource errors', () => {
  it('names a foreign key whose table is not in the model', () => {
    const model = sqliteSerialize(sqliteEntities, { casing: undefined });
    const without = { ...model, tables: model.tables.filter((t) => t.name !== 'people') };
    expect(() => generateSchemaSource(without, { dialect: 'sqlite', casing: 'camel', relations: 'v1' })).toThrow(/Foreign key "pets_owner_id_people_id_fk" of table "pets" references table "people", which is not in the schema/);
  });
  it('refuses a model of another dialect', () => {
    const model = sqliteSerialize(sqliteEntities, { casing: undefined });
    expect(() => generateSchemaSource(model, { dialect: 'mysql', casing: 'camel', relations: 'v1' })).toThrow(/the model is a sqlite model, not mysql/);
  });
});

describe('generated files compile under strict TypeScript', () => {
  it('tsc --noEmit --strict passes on every generated schema and relations file', { timeout: 120_000 }, async () => {
    expect(folders).toBeGreaterThan(0);
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        verbatimModuleSyntax: true,
        useDefineForClassFields: false,
        types: ['node'],
        typeRoots: [join(repo, 'node_modules', '@types')],
        paths: {
          sluice: [join(repo, 'src/index.ts')],
          'sluice/pg-core': [join(repo, 'src/dialects/pg/index.ts')],
          'sluice/mysql-core': [join(repo, 'src/dialects/mysql/index.ts')],
          'sluice/sqlite-core': [join(repo, 'src/dialects/sqlite/index.ts')],
          'sluice/*': [join(repo, 'src/*')],
        },
      },
      include: ['out*/*.ts'],
    };
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const tsc = join(repo, 'node_modules', '.bin', 'tsc');
    const result = await promisify(execFile)(tsc, ['-p', join(root, 'tsconfig.json')], { cwd: root }).then(
      () => '',
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    );
    expect(result).toBe('');
  });
});
