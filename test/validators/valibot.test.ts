/**
 * sluice/valibot: the cases of the zod suite on valibot: every column kind of every dialect,
 * insert and update schemas, refinements, enums and views.
 */
import { describe, expect, it } from 'vitest';
import { SchemaError, sql } from 'sluice';
import { integer, pgTable, pgView, text } from 'sluice/pg-core';
import { createInsertSchema, createSelectSchema, createUpdateSchema } from 'sluice/valibot';
import * as v from 'valibot';
import { dialects, mood, pgAll } from './cases.js';
import { valibotCheck } from './check.js';

describe.each(dialects)('select schema of every $name column', ({ table, row, cases }) => {
  const schema = createSelectSchema(table as typeof pgAll) as v.GenericSchema;

  it('takes a whole row as it is', () => {
    expect(valibotCheck(schema, row)).toEqual({ ok: true, output: row, paths: [] });
  });

  it.each(cases)('$key takes what the column holds', ({ key, ok }) => {
    for (const value of ok) {
      const r = valibotCheck(schema, { ...row, [key]: value });
      expect(r, `${key}: ${String(value)}`).toMatchObject({ ok: true, paths: [] });
      expect((r.output as Record<string, unknown>)[key]).toEqual(value);
    }
  });

  it.each(cases.filter((c) => c.bad.length > 0))('$key refuses what the column cannot hold, naming it', ({ key, bad }) => {
    for (const value of bad) {
      const r = valibotCheck(schema, { ...row, [key]: value });
      expect(r.ok, `${key}: ${String(value)}`).toBe(false);
      expect(r.paths.length).toBeGreaterThan(0);
      for (const path of r.paths) expect(path === key || path.startsWith(`${key}.`), path).toBe(true);
    }
  });
});

describe('insert and update schemas', () => {
  const insert = createInsertSchema(pgAll);
  const update = createUpdateSchema(pgAll);
  const base = { small: 1, bigB: 2n, name: 'n', meta: { tags: [] }, m: 'ok', tags: [] };

  it('insert requires exactly the not-null columns without a default', () => {
    const r = v.safeParse(insert, {}, { abortEarly: false });
    expect(r.success).toBe(false);
    expect(r.issues?.map((i) => String(i.path?.[0]?.key)).sort()).toEqual(['bigB', 'm', 'meta', 'name', 'small', 'tags']);
  });

  it('insert leaves out generated and always-identity columns, and keeps by-default identity', () => {
    expect(Object.keys(insert.entries)).not.toContain('lower');
    expect(Object.keys(insert.entries)).not.toContain('counter');
    expect(v.parse(insert, { ...base, lower: 'x', counter: 3, byDefault: 4 })).toEqual({ ...base, byDefault: 4 });
  });

  it('insert takes null for nullable columns and refuses it for not-null ones', () => {
    expect(v.safeParse(insert, { ...base, int: null, code: null }).success).toBe(true);
    expect(valibotCheck(insert, { ...base, flag: null }).paths).toEqual(['flag']);
  });

  it('update makes every writable column optional, keeping nullability', () => {
    expect(v.parse(update, {})).toEqual({});
    expect(v.parse(update, { int: null, name: 'x' })).toEqual({ int: null, name: 'x' });
    expect(valibotCheck(update, { name: null }).paths).toEqual(['name']);
    expect(valibotCheck(update, { small: 40000 }).paths).toEqual(['small']);
  });
});

describe('refinements', () => {
  it('a function extends the column schema and keeps its nullability and optionality', () => {
    const s = createInsertSchema(pgAll, { code: (c) => v.pipe(c, v.regex(/^[A-Z]+$/)), name: (c) => v.pipe(c, v.minLength(2)) });
    const b = { small: 1, bigB: 2n, meta: { tags: [] }, m: 'ok' as const, tags: [] };
    expect(v.safeParse(s, { ...b, name: 'nn', code: 'ABC' }).success).toBe(true);
    expect(v.safeParse(s, { ...b, name: 'nn', code: null }).success).toBe(true);
    expect(v.safeParse(s, { ...b, name: 'nn' }).success).toBe(true);
    expect(valibotCheck(s, { ...b, name: 'nn', code: 'abc' }).paths).toEqual(['code']);
    expect(
      v
        .safeParse(s, { ...b, name: 'n', code: 'ABCDEFGHI' }, { abortEarly: false })
        .issues?.map((i) => String(i.path?.[0]?.key))
        .sort(),
    ).toEqual(['code', 'name']);
  });

  it('a schema replaces the column schema entirely, as in Drizzle', () => {
    const s = createSelectSchema(pgAll, { code: v.literal('X') });
    expect(v.safeParse(s.entries.code, 'X').success).toBe(true);
    expect(v.safeParse(s.entries.code, null).success).toBe(false);
  });

  it('a refinement naming no column is an error naming it', () => {
    expect(() => createSelectSchema(pgAll, { nme: v.string() } as never)).toThrow(SchemaError);
    expect(() => createSelectSchema(pgAll, { nme: v.string() } as never)).toThrow(/"nme"/);
    expect(() => createInsertSchema(pgAll, { name: 5 } as never)).toThrow(/refinement of "name" must be a schema or a function/);
  });
});

describe('enums and views', () => {
  it('an enum type gives a picklist of its values', () => {
    const s = createSelectSchema(mood);
    expect(s.options).toEqual(['sad', 'ok', 'happy']);
    expect(v.parse(s, 'ok')).toBe('ok');
    expect(v.safeParse(s, 'meh').success).toBe(false);
  });

  it('a view declared with columns, and one defined by a query with nested and SQL fields', () => {
    const declared = pgView('v1', { id: integer().notNull(), name: text() }).existing();
    expect(v.parse(createSelectSchema(declared), { id: 1, name: null })).toEqual({ id: 1, name: null });
    const users = pgTable('users', { id: integer().notNull(), name: text() });
    const queried = pgView('v2').as((qb) => qb.select({ id: users.id, info: { name: users.name }, n: sql<number>`1`.as('n') }).from(users));
    const s = createSelectSchema(queried) as unknown as v.GenericSchema;
    expect(valibotCheck(s, { id: 1, info: { name: null }, n: 'anything' })).toMatchObject({ ok: true });
    expect(valibotCheck(s, { id: 1, info: { name: 5 }, n: 1 }).paths).toEqual(['info.name']);
  });
});
