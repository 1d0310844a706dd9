/**
 * Parses T-SQL with two maintained parsers, datafusion-sqlparser-rs (MsSql dialect, through
 * WebAssembly) and node-sql-parser (`transactsql`), for tests that assert the statements sluice
 * sends to SQL Server: a statement either rejects fails the test with its message and the
 * statement. Both are lenient in places (they take `limit`), so the tests assert the text too.
 */
import { init, parse } from '@guanmingchiu/sqlparser-ts';
import NodeSqlParser from 'node-sql-parser';

const nodeSqlParser = new NodeSqlParser.Parser();

let ready: Promise<void> | undefined;

/** Loads the parser's WebAssembly once; call from `beforeAll`. */
export function loadTsqlParser(): Promise<void> {
  ready ??= init();
  return ready;
}

/** Throws, naming the statement, unless `sql` parses as T-SQL. */
export function assertTsql(sql: string): void {
  try {
    parse(sql, 'mssql');
  } catch (e) {
    throw new Error(`not valid T-SQL for sqlparser-rs (${e instanceof Error ? e.message : String(e)}):\n${sql}`);
  }
  try {
    nodeSqlParser.astify(sql, { database: 'transactsql' });
  } catch (e) {
    throw new Error(`not valid T-SQL for node-sql-parser (${e instanceof Error ? e.message : String(e)}):\n${sql}`);
  }
}
