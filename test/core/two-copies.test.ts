/**
 * Two copies of sluice in one process: here the sources (what the tests import) and the built
 * `dist/` (which `npm test` builds first), as when the kit loads a project's schema files next to
 * its own modules or a workspace links a second copy. SQL chunks of one copy must render in the
 * other, and the kit must read the other copy's schema objects.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sql } from 'sluice';
import { drizzle } from 'sluice/pglite';
import { integer, pgTable, text } from 'sluice/pg-core';
import { pgSerialize } from '../../src/dialects/pg/kit/serialize.js';

const dist = resolve(import.meta.dirname, '../../dist');
const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(dist, path)).href)) as T;

describe('objects made by another copy of sluice', () => {
  it('render inside queries: sql chunks, params, names and columns', async () => {
    const other = await load<typeof import('sluice')>('index.js');
    const otherPg = await load<typeof import('sluice/pg-core')>('dialects/pg/index.js');
    expect(other.sql).not.toBe(sql);
    const users = pgTable('users', { id: integer('id').primaryKey(), name: text('name').notNull() });
    const theirs = otherPg.pgTable('users', { id: otherPg.integer('id').primaryKey(), name: otherPg.text('name').notNull() });
    const db = drizzle();
    await db.execute(sql`create table users (id integer primary key, name text not null)`);
    await db.insert(users).values([
      { id: 1, name: 'Ada' },
      { id: 2, name: 'Linus' },
    ]);
    const query = db
      .select({ name: users.name })
      .from(users)
      .where(other.and(other.eq(users.id, 2), other.sql`${theirs.name} <> ${'x'}`, other.sql`${other.sql.identifier('name')} is not null`));
    expect(query.toSQL()).toEqual({ sql: 'select "name" from "users" where ("users"."id" = $1 and "users"."name" <> $2 and "name" is not null)', params: [2, 'x'] });
    expect(await query).toEqual([{ name: 'Linus' }]);
    await db.$client.close();
  });

  it('serialize for the kit: sql defaults and index expressions', async () => {
    const other = await load<typeof import('sluice')>('index.js');
    const otherPg = await load<typeof import('sluice/pg-core')>('dialects/pg/index.js');
    const t = otherPg.pgTable('t', { at: otherPg.timestamp('at').defaultNow(), email: otherPg.text('email') }, (c) => [otherPg.index('t_lower').on(other.sql`lower(${c.email})`)]);
    const [table] = pgSerialize([t], { casing: undefined }).tables;
    expect(table!.columns.find((c) => c.name === 'at')!.default).toBe('now()');
    expect(table!.indexes[0]!.columns[0]).toMatchObject({ expression: 'lower("email")', isExpression: true });
  });
});
