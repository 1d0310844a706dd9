/**
 * sluice/zod: every column kind of every dialect takes the values it can hold and refuses the
 * others, naming the column; insert and update schemas follow not-null, defaults and generated
 * columns; refinements, enums, views and the factory's coercion.
 */
import { describe, expect, it } from 'vitest';
import { SchemaError, sql } from 'sluice';
import { bit, char, integer, pgTable, pgView, text } from 'sluice/pg-core';
import { createInsertSchema, createSchemaFactory, createSelectSchema, createUpdateSchema } from 'sluice/zod';
import { z } from 'zod';
import { dialects, mood, pgAll } from './cases.js';
import { zodCheck } from './check.js';

describe.each(dialects)('select schema of every $name column', ({ table, row, cases }) => {
  const schema = createSelectSchema(table as typeof pgAll) as z.ZodType;

  it('takes a whole row as it is', () => {
    expect(zodCheck(schema, row)).toEqual({ ok: true, output: row, paths: [] });
  });

  it.each(cases)('$key takes what the column holds', ({ key, ok }) => {
    for (const value of ok) {
      const r = zodCheck(schema, { ...row, [key]: value });
      expect(r, `${key}: ${String(value)}`).toMatchObject({ ok: true, paths: [] });
      expect((r.output as Record<string, unknown>)[key]).toEqual(value);
    }
  });

  it.each(cases.filter((c) => c.bad.length > 0))('$key refuses what the column cannot hold, naming it', ({ key, bad }) => {
    for (const value of bad) {
      const r = zodCheck(schema, { ...row, [key]: value });
      expect(r.ok, `${key}: ${String(value)}`).toBe(false);
      expect(r.paths.length).toBeGreaterThan(0);
      for (const path of r.paths) expect(path === key || path.startsWith(`${key}.`), path).toBe(true);
    }
  });
});

describe('insert and update schemas', () => {
  const insert = createInsertSchema(pgAll);
  const update = createUpdateSchema(pgAll);

  it('insert requires exactly the not-null columns without a default', () => {
    const r = zodCheck(insert, {});
    expect(r.ok).toBe(false);
    expect(r.paths.sort()).toEqual(['bigB', 'm', 'meta', 'name', 'small', 'tags']);
  });

  it('insert leaves out generated and always-identity columns, and keeps by-default identity', () => {
    expect(Object.keys(insert.shape)).not.toContain('lower');
    expect(Object.keys(insert.shape)).not.toContain('counter');
    expect(Object.keys(insert.shape)).toContain('byDefault');
    const out = insert.parse({ small: 1, bigB: 2n, name: 'n', meta: { tags: [] }, m: 'ok', tags: [], lower: 'x', counter: 3, byDefault: 4 });
    expect(out).toEqual({ small: 1, bigB: 2n, name: 'n', meta: { tags: [] }, m: 'ok', tags: [], byDefault: 4 });
  });

  it('insert takes null for nullable columns and refuses it for not-null ones', () => {
    const base = { small: 1, bigB: 2n, name: 'n', meta: { tags: [] }, m: 'ok', tags: [] };
    expect(insert.safeParse({ ...base, int: null, code: null }).success).toBe(true);
    expect(zodCheck(insert, { ...base, flag: null }).paths).toEqual(['flag']);
  });

  it('update makes every writable column optional, keeping nullability', () => {
    expect(update.parse({})).toEqual({});
    expect(update.parse({ int: null, name: 'x' })).toEqual({ int: null, name: 'x' });
    expect(zodCheck(update, { name: null }).paths).toEqual(['name']);
    expect(zodCheck(update, { small: 40000 }).paths).toEqual(['small']);
    expect(Object.keys(update.shape)).not.toContain('lower');
  });
});

describe('refinements', () => {
  it('a function extends the column schema and keeps its nullability and optionality', () => {
    const s = createInsertSchema(pgAll, { code: (c) => c.regex(/^[A-Z]+$/), name: (c) => c.min(2) });
    const base = { small: 1, bigB: 2n, meta: { tags: [] }, m: 'ok' as const, tags: [] };
    expect(s.safeParse({ ...base, name: 'nn', code: 'ABC' }).success).toBe(true);
    expect(s.safeParse({ ...base, name: 'nn', code: null }).success).toBe(true);
    expect(s.safeParse({ ...base, name: 'nn' }).success).toBe(true);
    expect(zodCheck(s, { ...base, name: 'nn', code: 'abc' }).paths).toEqual(['code']);
    expect(zodCheck(s, { ...base, name: 'n', code: 'ABCDEFGHI' }).paths.sort()).toEqual(['code', 'name']);
  });

  it('a schema replaces the column schema entirely, as in Drizzle', () => {
    const s = createSelectSchema(pgAll, { code: z.literal('X') });
    expect(s.shape.code.safeParse('X').success).toBe(true);
    expect(s.shape.code.safeParse(null).success).toBe(false);
    expect(s.shape.code.safeParse('Y').success).toBe(false);
  });

  it('a refinement naming no column is an error naming it', () => {
    expect(() => createSelectSchema(pgAll, { nme: z.string() } as never)).toThrow(SchemaError);
    expect(() => createSelectSchema(pgAll, { nme: z.string() } as never)).toThrow(/"nme"/);
    expect(() => createInsertSchema(pgAll, { name: 5 } as never)).toThrow(/refinement of "name" must be a schema or a function/);
  });
});

describe('enums, views and bad input', () => {
  it('an enum type gives a z.enum of its values', () => {
    const s = createSelectSchema(mood);
    expect(s.options).toEqual(['sad', 'ok', 'happy']);
    expect(s.parse('ok')).toBe('ok');
    expect(s.safeParse('meh').success).toBe(false);
  });

  it('a view declared with columns, and one defined by a query with nested and SQL fields', () => {
    const declared = pgView('v1', { id: integer().notNull(), name: text() }).existing();
    expect(createSelectSchema(declared).parse({ id: 1, name: null })).toEqual({ id: 1, name: null });
    const users = pgTable('users', { id: integer().notNull(), name: text() });
    const queried = pgView('v2').as((qb) => qb.select({ id: users.id, info: { name: users.name }, n: sql<number>`1`.as('n') }).from(users));
    const s = createSelectSchema(queried) as unknown as z.ZodType;
    expect(zodCheck(s, { id: 1, info: { name: null }, n: 'anything' })).toMatchObject({ ok: true });
    expect(zodCheck(s, { id: 1, info: { name: 5 }, n: 1 }).paths).toEqual(['info.name']);
  });

  it('something that is not a table is an error naming the function', () => {
    expect(() => createInsertSchema({} as never)).toThrow(/createInsertSchema\(\) takes a table/);
    expect(() => createSelectSchema(null as never)).toThrow(/createSelectSchema\(\) takes a table, a view or an enum/);
  });
});

describe('createSchemaFactory', () => {
  it('coerces the kinds it is told to, and only those', () => {
    const { createInsertSchema: insert } = createSchemaFactory({ coerce: { number: true, date: true } });
    const s = insert(pgAll);
    const out = s.parse({ small: '7', bigB: 2n, name: 'n', meta: { tags: [] }, m: 'ok', tags: [], at: '2020-01-02T00:00:00Z' });
    expect(out.small).toBe(7);
    expect(out.at).toEqual(new Date('2020-01-02T00:00:00Z'));
    // Coerced numbers keep the column's range; other kinds are not coerced.
    expect(zodCheck(s, { small: '40000', bigB: 2n, name: 'n', meta: { tags: [] }, m: 'ok', tags: [] }).paths).toEqual(['small']);
    expect(zodCheck(s, { small: 1, bigB: '2', name: 'n', meta: { tags: [] }, m: 'ok', tags: [] }).paths).toEqual(['bigB']);
  });

  it('coerce: true coerces every kind', () => {
    const s = createSchemaFactory({ coerce: true }).createUpdateSchema(pgAll);
    expect(s.parse({ bigB: '5', flag: 1, name: 12 })).toEqual({ bigB: 5n, flag: true, name: '12' });
  });

  it('builds with the zod instance it is given, and refuses one that is not zod 4', () => {
    expect(createSchemaFactory({ zodInstance: z }).createSelectSchema(mood).parse('sad')).toBe('sad');
    expect(() => createSchemaFactory({ zodInstance: {} })).toThrow(/zodInstance must be zod 4/);
  });
});

describe('character lengths', () => {
  it('char(n) takes up to n characters, char without a length one, bit(n) exactly n bits', () => {
    const t = pgTable('chars', { n: char({ length: 3 }).notNull(), one: char().notNull(), bits: bit({ dimensions: 3 }).notNull() });
    const insert = createInsertSchema(t);
    expect(insert.safeParse({ n: 'a', one: 'x', bits: '101' }).success).toBe(true);
    expect(insert.safeParse({ n: 'abcd', one: 'x', bits: '101' }).error?.issues[0]?.path).toEqual(['n']);
    expect(insert.safeParse({ n: 'a', one: 'xy', bits: '101' }).error?.issues[0]?.path).toEqual(['one']);
    expect(insert.safeParse({ n: 'a', one: 'x', bits: '10' }).error?.issues[0]?.path).toEqual(['bits']);
    expect(insert.safeParse({ n: 'a', one: 'x', bits: '102' }).error?.issues[0]?.path).toEqual(['bits']);
  });
});
