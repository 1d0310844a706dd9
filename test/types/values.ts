/**
 * Value types of column modes whose decoding sluice adjusts per driver: arrays of arrays,
 * JSON arrays, SQLite's bigint numerics and MySQL's string-mode dates and bigints.
 */
import type { InferSelectModel } from 'sluice';
import { bigint as myBigint, datetime, mysqlTable, timestamp as myTimestamp } from 'sluice/mysql-core';
import { integer, jsonb, pgTable, text, timestamp } from 'sluice/pg-core';
import { numeric as liteNumeric, sqliteTable } from 'sluice/sqlite-core';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const grids = pgTable('grids', {
  grid: text('grid').array().array(),
  matrix: integer('matrix').array().array().notNull(),
  docs: jsonb('docs').$type<{ a: number }>().array(),
  stamps: timestamp('stamps', { mode: 'string' }).array().array(),
});
type Grid = InferSelectModel<typeof grids>;
expectType<Equal<Grid['grid'], string[][] | null>>();
expectType<Equal<Grid['matrix'], number[][]>>();
expectType<Equal<Grid['docs'], { a: number }[] | null>>();
expectType<Equal<Grid['stamps'], string[][] | null>>();

const lite = sqliteTable('lite', { big: liteNumeric('big', { mode: 'bigint' }).notNull() });
expectType<Equal<InferSelectModel<typeof lite>['big'], bigint>>();

const my = mysqlTable('my', {
  at: datetime('at', { mode: 'string' }),
  stamp: myTimestamp('stamp', { mode: 'string', fsp: 6 }),
  big: myBigint('big', { mode: 'string' }),
});
type My = InferSelectModel<typeof my>;
expectType<Equal<My['at'], string | null>>();
expectType<Equal<My['stamp'], string | null>>();
expectType<Equal<My['big'], string | null>>();
