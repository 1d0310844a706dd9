/**
 * `$dynamic()` builders at run time, on every target: Drizzle's documented pagination helper
 * typed with the exported `PgSelect` returns the right page and SQL; a second `where()` on a
 * dynamic builder replaces the first (Drizzle's rule), on selects, updates and deletes; helpers
 * typed with `PgUpdate`/`PgDelete` change the rows they should.
 */
import { describe, expect, it } from 'vitest';
import { and, asc, eq, gt, isNotNull, type SQL } from 'sluice';
import type { PgDelete, PgSelect, PgUpdate } from 'sluice/pg-core';
import { builderSchema } from '../support/behaviour-schema.js';
import { behaviourTargets, sqlFor, useBehaviourDatabase } from '../support/behaviour.js';

function withPagination<T extends PgSelect>(qb: T, page: number, pageSize = 2) {
  return qb.limit(pageSize).offset((page - 1) * pageSize);
}
function withFilters<T extends PgSelect>(qb: T, filters: (SQL | undefined)[]) {
  return qb.where(and(...filters));
}

for (const { name, dialect } of behaviourTargets()) {
  describe(`$dynamic builders on ${name}`, () => {
    const { tables, ddl, reset } = builderSchema(dialect);
    const { users } = tables;
    const S = (pgText: string) => sqlFor(dialect, pgText);
    const suite = useBehaviourDatabase(name, { ddl, reset });
    const lastSql = suite.lastQuery;

    it('the pagination helper returns each page in order', async () => {
      const base = () => suite.db.select({ id: users.id, name: users.name }).from(users).orderBy(asc(users.id)).$dynamic();
      expect(await withPagination(base(), 1)).toEqual([
        { id: 1, name: 'Ann' },
        { id: 2, name: 'Bob' },
      ]);
      expect(lastSql().sql).toBe(S('select "id", "name" from "users" order by "users"."id" asc limit $1 offset $2'));
      expect(lastSql().params).toEqual([2, 0]);
      expect(await withPagination(base(), 2)).toEqual([
        { id: 3, name: 'Cy' },
        { id: 4, name: 'Dee' },
      ]);
      expect(await withPagination(base(), 3)).toEqual([]);
    });

    it('helpers compose: filters, then a page', async () => {
      const rows = await withPagination(withFilters(suite.db.select({ name: users.name }).from(users).orderBy(users.id).$dynamic(), [isNotNull(users.age), gt(users.age, 18)]), 1);
      expect(rows.map((r) => r.name)).toEqual(['Ann', 'Cy']);
      expect(lastSql().sql).toBe(S('select "name" from "users" where ("users"."age" is not null and "users"."age" > $1) order by "users"."id" limit $2 offset $3'));
    });

    it('a second where() on a dynamic select replaces the first', async () => {
      const q = suite.db.select({ name: users.name }).from(users).$dynamic();
      q.where(eq(users.id, 1));
      q.where(eq(users.id, 2));
      expect(await q).toEqual([{ name: 'Bob' }]);
      expect(lastSql().params).toEqual([2]);
    });

    it('update and delete helpers typed with PgUpdate and PgDelete', async () => {
      const onlyMinors = <T extends PgUpdate>(qb: T) => qb.where(gt(users.id, 0)).where(eq(users.age, 17));
      await onlyMinors(suite.db.update(users).set({ name: 'Young' }).$dynamic());
      expect(lastSql().sql).toBe(S('update "users" set "name" = $1, "updated_at" = $2 where "users"."age" = $3'));
      const byName = <T extends PgDelete>(qb: T, name: string) => qb.where(eq(users.name, name));
      await byName(suite.db.delete(users).$dynamic(), 'Dee');
      expect(lastSql().sql).toBe(S('delete from "users" where "users"."name" = $1'));
      expect(await suite.db.select({ name: users.name }).from(users).orderBy(users.id)).toEqual([{ name: 'Ann' }, { name: 'Young' }, { name: 'Cy' }]);
    });
  });
}
