/**
 * libsql binds only scalars, dates and bytes: sluice checks each parameter before the driver does,
 * so a stray object is reported with its position.
 */
import { createClient } from '@libsql/client';
import { sql } from 'sluice';
import { drizzle as libsql } from 'sluice/libsql';
import { afterAll, describe, expect, it } from 'vitest';

describe('libsql parameters', () => {
  const client = createClient({ url: ':memory:' });
  const db = libsql({ client });
  afterAll(() => client.close());

  it('binds strings, numbers, bigints, booleans, bytes, dates and nulls', async () => {
    const rows = await db.all(sql`select ${'a'} as s, ${2} as n, ${3n} as b, ${true} as t, ${new Uint8Array([1, 2])} as y, ${null} as z, ${undefined} as u`);
    expect(rows).toEqual([{ s: 'a', n: 2, b: 3, t: 1, y: expect.anything(), z: null, u: null }]);
  });

  it('names the parameter libsql cannot bind', async () => {
    await expect(db.all(sql`select ${1} as a, ${{ nested: true }} as b`)).rejects.toThrow(/libsql cannot bind parameter 2: Object is not a string, number/);
  });
});
