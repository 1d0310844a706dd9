/**
 * Parses T-SQL statements the kit renders for SQL Server with two independent parsers: a
 * statement passes when either accepts it (datafusion-sqlparser-rs in its `mssql` mode knows
 * `EXEC`, `IDENTITY(...)` and named inline defaults; node-sql-parser's `transactsql` mode knows
 * `ALTER COLUMN <type>` and `ADD CONSTRAINT ... DEFAULT ... FOR`). A statement neither accepts
 * fails with both parsers' messages.
 */
import { init, parse } from '@guanmingchiu/sqlparser-ts';
import nodeSqlParser from 'node-sql-parser';

let ready: Promise<void> | undefined;
const nsp = new nodeSqlParser.Parser();

/** Loads the WASM parser once; call (and await) before `tsqlProblem`. */
export function loadTsqlParsers(): Promise<void> {
  ready ??= init().then(() => undefined);
  return ready;
}

/** Why neither parser accepts `sql`, or undefined when one does. */
export function tsqlProblem(sql: string): string | undefined {
  let first: string;
  try {
    parse(sql, 'mssql');
    return undefined;
  } catch (e) {
    first = (e as Error).message;
  }
  try {
    nsp.astify(sql, { database: 'transactsql' });
    return undefined;
  } catch (e) {
    return `sqlparser-rs: ${first}; node-sql-parser: ${(e as Error).message.slice(0, 200)}`;
  }
}

/**
 * Valid T-SQL that neither parser knows, checked by parts: a computed column's `AS (expr)
 * [PERSISTED]` is parsed as `SELECT expr` and the rest with a plain type in its place; a view's
 * `WITH SCHEMABINDING, ...` and `WITH CHECK OPTION` are checked against their fixed spelling and
 * the rest parsed. `ALTER SCHEMA [s] TRANSFER [s].[t]` is matched whole (it has no other parts).
 */
function byParts(sql: string): string[] | undefined {
  if (/^ALTER SCHEMA \[(?:[^\]]|\]\])+\] TRANSFER \[(?:[^\]]|\]\])+\]\.\[(?:[^\]]|\]\])+\]$/.test(sql)) return [];
  const computed = /(\[(?:[^\]]|\]\])+\]) AS \(((?:[^()']|'(?:[^']|'')*'|\((?:[^()']|'(?:[^']|'')*'|\([^()]*\))*\))*)\)( PERSISTED)?/g;
  const parts: string[] = [];
  let rest = sql.replace(computed, (_, name: string, expr: string) => {
    parts.push(`SELECT ${expr}`);
    return `${name} int`;
  });
  rest = rest.replace(/^(CREATE VIEW \S+) WITH (?:ENCRYPTION|SCHEMABINDING|VIEW_METADATA)(?:, (?:ENCRYPTION|SCHEMABINDING|VIEW_METADATA))* AS /, '$1 AS ').replace(/\nWITH CHECK OPTION$/, '');
  return rest === sql ? undefined : [rest, ...parts];
}

/** The statements neither parser accepts, each with why (empty when all parse). */
export function unparsedTsql(statements: readonly string[]): { sql: string; problem: string }[] {
  return statements.flatMap((sql) => {
    const problem = tsqlProblem(sql);
    if (problem === undefined) return [];
    const parts = byParts(sql);
    if (parts === undefined) return [{ sql, problem }];
    const partProblems = parts.flatMap((part) => tsqlProblem(part) ?? []);
    return partProblems.length === 0 ? [] : [{ sql, problem: partProblems.join('; ') }];
  });
}
