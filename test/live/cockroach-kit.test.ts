/**
 * The CockroachDB kit against a live CockroachDB server, run only when SLUICE_COCKROACH_URL is set
 * (e.g. `postgres://root@127.0.0.1:26257/defaultdb?sslmode=disable`): in a scratch database it
 * migrates the fixture schema (test/kit/support/cockroach-fixture.ts), introspects the database
 * back equal to the snapshot `generate` wrote, checks that `check --db` finds nothing, and pushes
 * the fixture's second version. Without the URL it is reported as not run.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { checkDatabase, generate, loadConfig, migrate, parseRenameHint } from 'sluice/kit';
import { push } from '../../src/kit/api/push.js';
import { openDatabase } from '../../src/kit/connect.js';
import { canonicalModel, type SchemaModel } from '../../src/kit/model.js';
import { kitDialect } from '../../src/kit/registry.js';
import { cockroachSchemaV1, cockroachSchemaV2 } from '../kit/support/cockroach-fixture.js';
import { tempProject } from '../kit/support/project.js';

const url = process.env.SLUICE_COCKROACH_URL || undefined;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('the CockroachDB kit on a live server', () => {
  it.skipIf(!url)(
    url ? 'migrates the fixture, introspects it back equal to the snapshot, and pushes the second version' : 'migrate, introspect and push on CockroachDB (not run: SLUICE_COCKROACH_URL is not set)',
    async () => {
      const name = `sluice_kit_${randomBytes(5).toString('hex')}`;
      await admin(`create database ${name}`);
      const dbUrl = new URL(url!);
      dbUrl.pathname = `/${name}`;
      const project = tempProject();
      try {
        project.write('sluice.config.ts', `export default { dialect: 'cockroach', schema: './schema.ts', out: './migrations', dbCredentials: { url: ${JSON.stringify(dbUrl.toString())} } };\n`);
        project.write('schema.ts', cockroachSchemaV1);
        let config = await loadConfig({ cwd: project.dir });
        const first = await generate(config, { name: 'init' });
        if (first.status !== 'written') throw new Error(`generate: ${first.status}`);
        expect((await migrate(config)).applied).toHaveLength(1);

        const db = await openDatabase({ dialect: 'cockroach', driver: undefined, credentials: config.dbCredentials });
        try {
          const kit = kitDialect('cockroach');
          const live = await kit.introspect(db.session, { schemas: ['public'] });
          const declared = await kit.asDatabaseSpells!(db.session, first.snapshot);
          const comparable = (m: SchemaModel) => {
            const { tables, enums, views } = canonicalModel(m);
            return { tables, enums, views };
          };
          expect(comparable(live)).toEqual(comparable(declared));
        } finally {
          await db.close();
        }
        const check = await checkDatabase(config);
        expect(check.differences).toEqual([]);
        expect(check.ok).toBe(true);

        project.write('schema.ts', cockroachSchemaV2);
        config = await loadConfig({ cwd: project.dir });
        const hint = parseRenameHint('column:public.orders.note=comment');
        const pushed = await push(config, { answers: { [hint.key]: hint.from }, force: true });
        expect(pushed.status).toBe('applied');
        const after = await openDatabase({ dialect: 'cockroach', driver: undefined, credentials: config.dbCredentials });
        try {
          const model = await kitDialect('cockroach').introspect(after.session, { schemas: ['public'] });
          const orders = model.tables.find((t) => t.name === 'orders')!;
          expect(orders.columns.map((c) => [c.name, c.type])).toContainEqual(['comment', 'string']);
          expect(orders.columns.find((c) => c.name === 'total')?.type).toBe('decimal(12,2)');
          expect(orders.indexes.map((i) => i.name)).not.toContain('orders_note_idx');
          expect(model.tables.find((t) => t.name === 'customers')!.columns.map((c) => c.name)).toContain('phone');
        } finally {
          await after.close();
        }
      } finally {
        project.remove();
        await admin(`drop database if exists ${name} cascade`).catch(() => undefined);
      }
    },
    120_000,
  );
});
