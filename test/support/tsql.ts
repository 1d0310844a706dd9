/**
 * Checks that a statement is T-SQL, so a syntax slip in the SQL Server dialect cannot hide behind
 * a text snapshot. Three independent checks:
 *
 * 1. it parses with datafusion-sqlparser-rs (`@guanmingchiu/sqlparser-ts`) in `mssql` mode;
 * 2. it holds no token T-SQL lacks (`limit`, `returning`, `$1`, `"quoted"` names, `||`, ...);
 * 3. plain statements (no OUTPUT, MERGE, OFFSET/FETCH, FOR JSON, JSON functions, INTERSECT/EXCEPT, which its
 *    grammar lacks) also parse with node-sql-parser's `transactsql` mode.
 *
 * The first parser lacks three things T-SQL has; each is bridged by an exact, narrow rewrite of
 * the text it parses (the statement asserted stays the one sluice wrote):
 * - `save transaction x` and `rollback transaction x`: matched by an exact pattern instead;
 * - `fetch next @p1 rows only`: T-SQL takes a parameter there, the parser only a literal, so the
 *   parameter is read as `1`;
 * - `insert ... output ... default values` and `delete [alias] output ... from ...`: parsed
 *   without their output clause (which check 2 and the output tests assert).
 */
import { init, parse } from '@guanmingchiu/sqlparser-ts';
import NodeSqlParser from 'node-sql-parser';
import { tokenize, type Token } from '../../src/kit/sql-tokens.js';

let ready: Promise<void> | undefined;
const nodeParser = new NodeSqlParser.Parser();

/** Transaction control the parser has no grammar for, checked by pattern. */
const savepointStatement = /^(save|rollback) transaction [A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Statements node-sql-parser's transactsql grammar cannot read (it lacks these T-SQL features:
 * OUTPUT, MERGE, OFFSET/FETCH, FOR JSON and the JSON functions, string_agg, INTERSECT/EXCEPT,
 * transaction control, DEFAULT VALUES, WITH before a write, a compound select nested in parentheses).
 */
const beyondNodeParser = /\b(output|merge|offset|fetch|for\s+json|json_query|json_value|string_agg|within\s+group|intersect|except|transaction|isolation|default\s+values)\b|^with\b|^\(\(/i;

export class TsqlError extends Error {}

/** A problem with the statement, or undefined when it passes every check. */
export async function tsqlProblem(sql: string): Promise<string | undefined> {
  ready ??= init();
  await ready;
  const tokenProblem = forbiddenToken(sql);
  if (tokenProblem) return tokenProblem;
  if (savepointStatement.test(sql)) return undefined;
  if (/^(save|rollback)\s+tran(saction)?\s+\S/i.test(sql)) return `not a plain savepoint statement: ${sql}`;
  const forParser = sql
    .replace(/\bfetch next @p\d+ rows only\b/g, 'fetch next 1 rows only')
    .replace(/^(insert into \S+) output .* (default values)$/, '$1 $2')
    .replace(/^(delete \[[^\]]+\]) output .*? (from \[)/, '$1 $2');
  try {
    parse(forParser, 'mssql');
  } catch (e) {
    return `sqlparser (mssql) rejects it: ${(e as Error).message ?? String(e)}`;
  }
  if (!beyondNodeParser.test(sql)) {
    try {
      nodeParser.astify(sql, { database: 'transactsql' });
    } catch (e) {
      return `node-sql-parser (transactsql) rejects it: ${String((e as Error).message).slice(0, 300)}`;
    }
  }
  return undefined;
}

/** Throws, naming the statement and what is wrong with it, unless it is T-SQL. */
export async function assertTsql(sql: string): Promise<void> {
  const problem = await tsqlProblem(sql);
  if (problem) throw new TsqlError(`${problem}\n  in: ${sql}`);
}

const isWord = (t: Token | undefined, ...words: string[]) => t?.kind === 'word' && words.includes(t.value);
const isPunct = (t: Token | undefined, text: string) => t?.kind === 'punct' && t.text === text;

/** The first token T-SQL lacks, described, or undefined. */
export function forbiddenToken(sql: string): string | undefined {
  const tokens = tokenize(sql);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (isWord(t, 'LIMIT', 'RETURNING', 'ILIKE', 'LATERAL')) return `T-SQL has no ${t.value.toLowerCase()}`;
    if (isWord(t, 'TRUE', 'FALSE')) return `T-SQL has no boolean literal ${t.text}`;
    if (isWord(t, 'ON') && isWord(next, 'CONFLICT')) return 'T-SQL has no on conflict';
    if (isWord(t, 'FOR') && isWord(next, 'UPDATE', 'SHARE')) return `T-SQL has no for ${next!.text}`;
    if (t.kind === 'ident' && t.text.startsWith('"')) return `double-quoted identifier ${t.text}`;
    if (t.kind === 'ident' && t.text.startsWith('`')) return `backquoted identifier ${t.text}`;
    if (isPunct(t, '||')) return 'T-SQL has no || (use + or concat)';
    if (isPunct(t, ':') && isPunct(next, ':') && next!.start === t.end) return 'T-SQL has no :: casts';
    if (isPunct(t, '?')) return 'positional ? parameter';
    if (isPunct(t, '$') && next?.kind === 'number' && next.start === t.end) return `$${next.text}-style parameter`;
    if (isWord(t, 'OFFSET')) {
      // offset <n | @pN | (expr)> rows
      let j = i + 1;
      if (isPunct(tokens[j], '@')) j += 2;
      else if (isPunct(tokens[j], '(')) {
        let depth = 0;
        for (; j < tokens.length; j++) {
          if (isPunct(tokens[j], '(')) depth++;
          if (isPunct(tokens[j], ')') && --depth === 0) break;
        }
        j++;
      } else j++;
      if (!isWord(tokens[j], 'ROWS', 'ROW')) return 'offset without rows (T-SQL writes offset n rows)';
    }
  }
  return undefined;
}
