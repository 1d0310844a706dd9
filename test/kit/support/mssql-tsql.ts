/**
 * Checks DDL the kit renders for SQL Server as T-SQL. A statement must hold no token T-SQL lacks
 * (the shared checker's `forbiddenToken`, test/support/tsql.ts) and parse with one of two
 * maintained parsers: datafusion-sqlparser-rs in `mssql` mode (it knows `EXEC`, `IDENTITY(...)`,
 * named inline defaults, `DROP SCHEMA`), or node-sql-parser's `transactsql` mode (it knows
 * `ALTER COLUMN <type>` and `ADD CONSTRAINT ... DEFAULT ... FOR`, which the first lacks). The
 * shared checker asks both to accept a query; for DDL each lacks forms the other has. Forms
 * neither knows are checked by parts (`byParts`).
 */
import { init, parse } from '@guanmingchiu/sqlparser-ts';
import NodeSqlParser from 'node-sql-parser';
import { forbiddenToken } from '../../support/tsql.js';

const nodeParser = new NodeSqlParser.Parser();
let ready: Promise<unknown> | undefined;

async function sqlparserProblem(sql: string): Promise<string | undefined> {
  ready ??= init();
  await ready;
  try {
    parse(sql, 'mssql');
    return undefined;
  } catch (e) {
    return `sqlparser (mssql) rejects it: ${(e as Error).message}`;
  }
}

function nodeParserProblem(sql: string): string | undefined {
  try {
    nodeParser.astify(sql, { database: 'transactsql' });
    return undefined;
  } catch (e) {
    return `node-sql-parser (transactsql) rejects it: ${String((e as Error).message).slice(0, 200)}`;
  }
}

async function wholeProblem(sql: string): Promise<string | undefined> {
  const token = forbiddenToken(sql);
  if (token !== undefined) return token;
  const shared = await sqlparserProblem(sql);
  if (shared === undefined) return undefined;
  const other = nodeParserProblem(sql);
  return other === undefined ? undefined : `${shared}; ${other}`;
}

const name = String.raw`\[(?:[^\]]|\]\])+\]`;

/**
 * Valid T-SQL that neither parser knows, checked by parts: a computed column's `AS (expr)
 * [PERSISTED]` is parsed as `SELECT expr` and the rest with a plain type in its place; a view's
 * `WITH SCHEMABINDING, ...` and `WITH CHECK OPTION` are matched in their fixed spelling and the
 * rest parsed. `ALTER SCHEMA [s] TRANSFER [s].[t]` is matched whole (it has no other parts).
 */
function byParts(sql: string): string[] | undefined {
  if (new RegExp(`^ALTER SCHEMA ${name} TRANSFER ${name}\\.${name}$`).test(sql)) return [];
  const computed = new RegExp(`(${name}) AS \\(((?:[^()']|'(?:[^']|'')*'|\\((?:[^()']|'(?:[^']|'')*'|\\([^()]*\\))*\\))*)\\)( PERSISTED)?`, 'g');
  const parts: string[] = [];
  let rest = sql.replace(computed, (_, column: string, expr: string) => {
    parts.push(`SELECT ${expr}`);
    return `${column} int`;
  });
  const attribute = '(?:ENCRYPTION|SCHEMABINDING|VIEW_METADATA)';
  rest = rest.replace(new RegExp(`^(CREATE VIEW ${name}\\.${name}) WITH ${attribute}(?:, ${attribute})* AS `), '$1 AS ').replace(/\nWITH CHECK OPTION$/, '');
  return rest === sql ? undefined : [rest, ...parts];
}

/** Why `sql` is not T-SQL the kit may write, or undefined when it is. */
export async function ddlProblem(sql: string): Promise<string | undefined> {
  const problem = await wholeProblem(sql);
  if (problem === undefined) return undefined;
  const parts = byParts(sql);
  if (parts === undefined) return problem;
  const partProblems: string[] = [];
  for (const part of parts) {
    const p = await wholeProblem(part);
    if (p !== undefined) partProblems.push(p);
  }
  return partProblems.length === 0 ? undefined : partProblems.join('; ');
}

/** The statements that are not T-SQL, each with why (empty when all are). */
export async function unparsedTsql(statements: readonly string[]): Promise<{ sql: string; problem: string }[]> {
  const out: { sql: string; problem: string }[] = [];
  for (const sql of statements) {
    const problem = await ddlProblem(sql);
    if (problem !== undefined) out.push({ sql, problem });
  }
  return out;
}
