/**
 * `customType` of every dialect on every target: the SQL type it declares, values encoded on the
 * way in and decoded on the way out (in rows, in conditions and in the raw stored text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'sluice';
import * as mysqlCore from 'sluice/mysql-core';
import * as pgCore from 'sluice/pg-core';
import * as sqliteCore from 'sluice/sqlite-core';
import { behaviourTargets, openBehaviourTarget, sqlFor, type BehaviourTarget, type DialectName } from '../support/behaviour.js';

type Core = typeof pgCore | typeof sqliteCore | typeof mysqlCore;
const cores: Record<DialectName, Core> = { pg: pgCore, sqlite: sqliteCore, mysql: mysqlCore };

function schemaFor(dialect: DialectName) {
  const core = cores[dialect];
  const customType = core.customType as typeof pgCore.customType;
  // Stored as text with a unit suffix, read back as a number.
  const cents = customType<{ data: number; driverData: string }>({
    dataType: () => 'varchar(20)',
    toDriver: (value) => `${value}c`,
    fromDriver: (value) => Number(String(value).replace(/c$/, '')),
  });
  const label = customType<{ data: string; config: { length: number }; configRequired: true }>({ dataType: (config) => `varchar(${config.length})` });
  const id = dialect === 'mysql' ? mysqlCore.int('id') : dialect === 'sqlite' ? sqliteCore.integer('id') : pgCore.integer('id');
  const tableFn = (dialect === 'mysql' ? mysqlCore.mysqlTable : dialect === 'sqlite' ? sqliteCore.sqliteTable : pgCore.pgTable) as typeof pgCore.pgTable;
  return tableFn('wallet', { id: (id as ReturnType<typeof pgCore.integer>).primaryKey(), amount: cents('amount').notNull(), tag: label({ length: 10 }) });
}

for (const { name, dialect } of behaviourTargets()) {
  describe(`customType on ${name}`, () => {
    let target: BehaviourTarget;
    const wallet = schemaFor(dialect);
    beforeAll(async () => {
      target = await openBehaviourTarget(name);
      await target.exec('create table wallet (id integer primary key, amount varchar(20) not null, tag varchar(10))');
    });
    afterAll(() => target.close());

    it('declares its SQL type and maps values through toDriver and fromDriver', async () => {
      expect([wallet.amount.getSQLType(), wallet.tag.getSQLType(), wallet.tag.name, wallet.tag.columnType]).toEqual(['varchar(20)', 'varchar(10)', 'tag', `${dialect === 'pg' ? 'Pg' : dialect === 'mysql' ? 'MySql' : 'SQLite'}CustomColumn`]);
      const db = await target.open();
      await db.insert(wallet).values([
        { id: 1, amount: 250, tag: 'coffee' },
        { id: 2, amount: 1200, tag: null },
      ]);
      const q = db.select().from(wallet).where(eq(wallet.amount, 250));
      expect(q.toSQL()).toEqual({ sql: sqlFor(dialect, 'select "id", "amount", "tag" from "wallet" where "wallet"."amount" = $1'), params: ['250c'] });
      expect(await q).toEqual([{ id: 1, amount: 250, tag: 'coffee' }]);
      expect(await db.select({ amount: wallet.amount }).from(wallet).orderBy(wallet.id)).toEqual([{ amount: 250 }, { amount: 1200 }]);
      const raw = await db
        .select({ stored: sql<string>`${wallet.amount}` })
        .from(wallet)
        .orderBy(wallet.id);
      expect(raw).toEqual([{ stored: '250c' }, { stored: '1200c' }]);
    });
  });
}

describe('customType mistakes', () => {
  it('names what is missing', () => {
    expect(() => pgCore.customType({} as never)).toThrow('customType() needs a dataType(config) function');
  });
});
