/**
 * pgvector's columns (`vector`, `halfvec`, `sparsevec`, `bit`) and distance functions. No server
 * here has the extension (PGlite 0.5 ships none, Debian's PostgreSQL 15 here lacks the package),
 * so the SQL text is asserted, and the codecs run against PGlite through a table that stores the
 * values' text form in text columns: what any driver hands on for pgvector's types.
 */
import { PGlite } from '@electric-sql/pglite';
import { cosineDistance, hammingDistance, innerProduct, jaccardDistance, l1Distance, l2Distance, SchemaError, sql } from 'sluice';
import { bit, halfvec, integer, pgTable, sparsevec, vector } from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';
import { pgSerialize } from '../../src/dialects/pg/kit/serialize.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const items = pgTable('items', {
  id: integer('id').primaryKey(),
  embedding: vector('embedding', { dimensions: 3 }).notNull(),
  half: halfvec('half', { dimensions: 2 }),
  sparse: sparsevec('sparse', { dimensions: 5 }),
  bits: bit('bits', { dimensions: 3 }),
});

describe('pgvector columns', () => {
  const client = new PGlite();
  const db = drizzle({ client });
  beforeAll(() => client.exec('create table items (id integer primary key, embedding text not null, half text, sparse text, bits text)'));
  afterAll(() => client.close());

  it('write number arrays as vector text and read them back as numbers', async () => {
    const insert = db.insert(items).values([
      { id: 1, embedding: [1, 2, 3], half: [0.5, -1], sparse: '{1:1,3:2}/5', bits: '101' },
      { id: 2, embedding: [0, 0.25, -4] },
    ]);
    expect(insert.toSQL()).toEqual({
      sql: 'insert into "items" ("id", "embedding", "half", "sparse", "bits") values ($1, $2, $3, $4, $5), ($6, $7, default, default, default)',
      params: [1, '[1,2,3]', '[0.5,-1]', '{1:1,3:2}/5', '101', 2, '[0,0.25,-4]'],
    });
    await insert;
    expect(await db.select().from(items).orderBy(items.id)).toEqual([
      { id: 1, embedding: [1, 2, 3], half: [0.5, -1], sparse: '{1:1,3:2}/5', bits: '101' },
      { id: 2, embedding: [0, 0.25, -4], half: null, sparse: null, bits: null },
    ]);
    expect(await client.query('select embedding from items where id = 2')).toMatchObject({ rows: [{ embedding: '[0,0.25,-4]' }] });
  });

  it('distance functions render pgvector operators with the vector as a parameter', () => {
    const q = db
      .select({ id: items.id, d: l2Distance(items.embedding, [1, 2, 3]) })
      .from(items)
      .orderBy(cosineDistance(items.embedding, [3, 2, 1]))
      .limit(5);
    expect(q.toSQL()).toEqual({ sql: 'select "id", "items"."embedding" <-> $1 from "items" order by "items"."embedding" <=> $2 limit $3', params: ['[1,2,3]', '[3,2,1]', 5] });
    const others = db
      .select({ l1: l1Distance(items.embedding, [1, 1, 1]), ip: innerProduct(items.embedding, [1, 0, 0]), ham: hammingDistance(items.bits, '111'), jac: jaccardDistance(items.bits, '010') })
      .from(items)
      .where(sql`${l2Distance(items.embedding, sql.placeholder('v'))} < 1`);
    expect(others.toSQL()).toEqual({
      sql: 'select "items"."embedding" <+> $1, ("items"."embedding" <#> $2) * -1, "items"."bits" <~> $3, "items"."bits" <%> $4 from "items" where "items"."embedding" <-> $5 < 1',
      params: ['[1,1,1]', '[1,0,0]', '111', '010', sql.placeholder('v')],
    });
  });

  it('carry their dimensions into the migration model, and refuse a missing one', () => {
    const model = pgSerialize([items], { casing: undefined });
    expect(Object.values(model.tables)[0]!.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'integer'],
      ['embedding', 'vector(3)'],
      ['half', 'halfvec(2)'],
      ['sparse', 'sparsevec(5)'],
      ['bits', 'bit(3)'],
    ]);
    expect(() => vector('e', {} as never)).toThrow(SchemaError);
    expect(() => halfvec('h', { dimensions: 1.5 })).toThrow('halfvec("h"): { dimensions } must be a positive integer, not 1.5');
  });
});
