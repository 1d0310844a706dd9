/**
 * The SQL Server type each JavaScript value is bound as (sluice/node-mssql names every parameter
 * `@p1` ... `@pn` and types it explicitly), including the edges of each integer range.
 */
import { describe, expect, it } from 'vitest';
import { bindParams, describeType, typedParam } from '../../src/drivers/node-mssql/params.js';

const bound = (value: unknown) => {
  const { type, value: sent } = typedParam(value, 0);
  return [describeType(type), sent];
};

describe('node-mssql parameter types', () => {
  const date = new Date('2024-02-29T12:34:56.789Z');
  const bytes = Buffer.from([0, 1, 255]);
  const cases: [label: string, value: unknown, type: string, sent: unknown][] = [
    ['a string', 'héllo', 'nvarchar(max)', 'héllo'],
    ['an empty string', '', 'nvarchar(max)', ''],
    ['zero', 0, 'int', 0],
    ['the smallest int', -2147483648, 'int', -2147483648],
    ['the largest int', 2147483647, 'int', 2147483647],
    ['one past the largest int', 2147483648, 'bigint', 2147483648],
    ['one below the smallest int', -2147483649, 'bigint', -2147483649],
    ['the largest safe integer', Number.MAX_SAFE_INTEGER, 'bigint', Number.MAX_SAFE_INTEGER],
    ['the smallest safe integer', Number.MIN_SAFE_INTEGER, 'bigint', Number.MIN_SAFE_INTEGER],
    ['an integer beyond 2^53', 2 ** 60, 'float', 2 ** 60],
    ['a fraction', 1.5, 'float', 1.5],
    ['a negative fraction', -0.25, 'float', -0.25],
    ['a small bigint', 7n, 'bigint', 7n],
    ['the largest bigint SQL Server holds', 9223372036854775807n, 'bigint', 9223372036854775807n],
    ['the smallest bigint SQL Server holds', -9223372036854775808n, 'bigint', -9223372036854775808n],
    ['a bigint beyond 64 bits, as text', 9223372036854775808n, 'nvarchar(max)', '9223372036854775808'],
    ['true', true, 'bit', true],
    ['false', false, 'bit', false],
    ['a Date', date, 'datetime2(7)', date],
    ['a Buffer', bytes, 'varbinary(max)', bytes],
    ['null', null, 'nvarchar(1)', null],
    ['undefined', undefined, 'nvarchar(1)', null],
    ['an object, as JSON', { a: 1, b: [true, null] }, 'nvarchar(max)', '{"a":1,"b":[true,null]}'],
    ['an array, as JSON', [1, 'x'], 'nvarchar(max)', '[1,"x"]'],
    ['an object holding a bigint, as JSON with its digits', { big: 12345678901234567890n }, 'nvarchar(max)', '{"big":"12345678901234567890"}'],
  ];
  for (const [label, value, type, sent] of cases) {
    it(`binds ${label} as ${type}`, () => {
      expect(bound(value)).toEqual([type, sent]);
    });
  }

  it('binds a Uint8Array as varbinary(max), as a Buffer over the same bytes', () => {
    const view = new Uint8Array([9, 8, 7, 6]).subarray(1, 3);
    const [type, sent] = bound(view);
    expect(type).toBe('varbinary(max)');
    expect(Buffer.isBuffer(sent)).toBe(true);
    expect([...(sent as Buffer)]).toEqual([8, 7]);
  });

  it('rejects an invalid Date, NaN, infinities and a function, naming the parameter', () => {
    expect(() => typedParam(new Date('nope'), 2)).toThrow('node-mssql: parameter @p3 is an invalid Date');
    expect(() => typedParam(() => 1, 0)).toThrow('node-mssql: parameter @p1 is a function, which cannot be sent to SQL Server');
    expect(() => typedParam(Symbol('s'), 4)).toThrow('parameter @p5 is a symbol');
    // mssql itself would send NaN as null; SQL Server's float holds neither NaN nor infinities.
    expect(() => typedParam(Number.NaN, 0)).toThrow('node-mssql: parameter @p1 is NaN, which SQL Server cannot store');
    expect(() => typedParam(Number.POSITIVE_INFINITY, 1)).toThrow('node-mssql: parameter @p2 is Infinity, which SQL Server cannot store');
    expect(() => typedParam(Number.NEGATIVE_INFINITY, 1)).toThrow('parameter @p2 is -Infinity');
  });

  it('binds parameters by name p1..pn, in order, each with its type', () => {
    const inputs: [string, string, unknown][] = [];
    bindParams({ input: (name, type, value) => inputs.push([name, describeType(type), value]) }, ['a', 1, null, 3000000000]);
    expect(inputs).toEqual([
      ['p1', 'nvarchar(max)', 'a'],
      ['p2', 'int', 1],
      ['p3', 'nvarchar(1)', null],
      ['p4', 'bigint', 3000000000],
    ]);
  });
});
