/**
 * `pull`'s code generator for CockroachDB: the fixture's model (as `generate` wrote it) written as
 * `sluice/cockroach-core` source, which serializes back to the same model, so `pull` then
 * `generate` finds nothing to do.
 */
import { describe, expect, it } from 'vitest';
import { generate, loadConfig, loadSchemaModel } from 'sluice/kit';
import { generateSchemaSource } from '../../src/kit/codegen.js';
import { canonicalModel, type SchemaModel } from '../../src/kit/model.js';
import { cockroachSchemaV1 } from './support/cockroach-fixture.js';
import { tempProject } from './support/project.js';

const comparable = (m: SchemaModel) => {
  const { tables, enums, views, sequences, schemas } = canonicalModel(m);
  return { tables, enums, views, sequences, schemas };
};

describe('CockroachDB code generation', () => {
  it('writes the fixture model as cockroach-core source that serializes back to the same model', async () => {
    const project = tempProject();
    try {
      project.write('sluice.config.ts', "export default { dialect: 'cockroach', schema: './schema.ts', out: './migrations' };\n");
      project.write('schema.ts', cockroachSchemaV1);
      const result = await generate(await loadConfig({ cwd: project.dir }), { name: 'init' });
      if (result.status !== 'written') throw new Error(`generate: ${result.status}`);
      const { schema } = generateSchemaSource(result.snapshot, { dialect: 'cockroach', casing: 'camel', relations: 'v1' });
      expect(schema).toContain("from 'sluice/cockroach-core'");
      expect(schema).toContain("export const orderStatusEnum = cockroachEnum('order_status', ['new', 'paid', 'shipped']);");
      expect(schema).toContain("  id: int8({ mode: 'number' }).primaryKey().defaultUniqueRowid(),\n  email: string().notNull().unique(),\n  name: varchar({ length: 100 }),\n  tags: string().array(),");
      expect(schema).toContain("  total: decimal({ precision: 10, scale: 2 }).notNull(),\n  status: orderStatusEnum().notNull().default('new'),\n  payload: jsonb().notNull().default({}),");
      expect(schema).toContain("  index('orders_placed_at_idx').using('hash', t.placedAt).with({ bucket_count: '8' }),\n  index('orders_payload_idx').using('gin', t.payload),");
      project.write('schema.ts', schema);
      const back = await loadSchemaModel(await loadConfig({ cwd: project.dir }));
      expect(comparable(back)).toEqual(comparable(result.snapshot));
    } finally {
      project.remove();
    }
  });
});
