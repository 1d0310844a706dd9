/**
 * Rules on whole statements: CREATE TABLE (which makes a table new for the rest of the file, or
 * is a SQLite rebuild), DROP TABLE, CREATE INDEX, MySQL's RENAME TABLE and SQL Server's
 * `EXEC sp_rename`. ALTER TABLE's actions are in rules-alter.ts.
 */
import { closingToken, type Token } from '../sql-tokens.js';
import { renameColumn, setColumn } from './known-columns.js';
import { columnDefinition, commaParts, Cursor, keyOf, show, type Name } from './read.js';
import { alterTable } from './rules-alter.js';
import type { FileState, Hit } from './state.js';
import { lintStatements } from './statements.js';

/** The prefix of the table a SQLite rebuild copies into (`src/dialects/sqlite/kit/ddl-rebuild.ts`, as drizzle-kit's). */
const REBUILD_PREFIX = '__new_';

/** Elements of CREATE TABLE's list that are not columns. */
const TABLE_ELEMENTS = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN', 'KEY', 'INDEX', 'EXCLUDE', 'LIKE', 'FULLTEXT', 'SPATIAL'];

/** The findings of one statement; updates what `state` knows about tables and columns. */
export function statementHits(tokens: readonly Token[], state: FileState): Hit[] {
  const c = new Cursor(tokens);
  if (c.eat('CREATE')) {
    c.eatAll('OR', 'REPLACE');
    c.eat('GLOBAL', 'LOCAL');
    c.eat('TEMP', 'TEMPORARY', 'UNLOGGED');
    if (c.eat('TABLE')) return createTable(c, state);
    const unique = c.eat('UNIQUE');
    if (c.eat('INDEX')) return createIndex(c, state, unique);
    return [];
  }
  if (c.eatAll('DROP', 'TABLE')) return dropTables(c, state);
  if (c.eatAll('ALTER', 'TABLE')) return alterTable(c, state);
  if (c.eatAll('RENAME', 'TABLE')) return renameTables(c, state);
  if (state.dialect === 'mssql' && c.eat('EXEC', 'EXECUTE')) return spRename(c, state);
  if (c.eat('DO') && state.dialect === 'postgresql') return doBlock(c, state);
  return [];
}

/**
 * PostgreSQL's `DO $$ BEGIN <statements> EXCEPTION ... END $$`, which drizzle-kit 0.x wrapped
 * around foreign keys and enums: the statements inside are judged as if written bare.
 */
function doBlock(c: Cursor, state: FileState): Hit[] {
  c.eatAll('LANGUAGE', 'PLPGSQL');
  const body = c.tokens[c.i];
  if (body === undefined || body.kind !== 'string' || !body.text.startsWith('$')) return [];
  const hits: Hit[] = [];
  for (const inner of lintStatements(body.value, state.dialect, () => undefined as never)) {
    const tokens = inner.tokens[0]?.kind === 'word' && inner.tokens[0].value === 'BEGIN' ? inner.tokens.slice(1) : inner.tokens;
    if (tokens[0]?.kind === 'word' && ['EXCEPTION', 'END', 'WHEN'].includes(tokens[0].value)) break;
    hits.push(...statementHits(tokens, state));
  }
  return hits;
}

function createTable(c: Cursor, state: FileState): Hit[] {
  c.eatAll('IF', 'NOT', 'EXISTS');
  const name = c.name();
  if (name === undefined) return [];
  const key = keyOf(name);
  state.created.add(key);
  state.known.delete(key);
  if (c.isPunct('(')) {
    const close = closingToken(c.tokens, c.i);
    for (const part of commaParts(c.tokens, c.i + 1, close < 0 ? c.tokens.length : close)) {
      const first = part[0];
      if (first === undefined || (first.kind === 'word' && TABLE_ELEMENTS.includes(first.value))) continue;
      const def = columnDefinition(part);
      if (def !== undefined) setColumn(state.known, key, def.name, { type: def.type, notNull: def.notNull });
    }
  }
  const rebuilt = key.startsWith(REBUILD_PREFIX) ? key.slice(REBUILD_PREFIX.length) : undefined;
  if (rebuilt === undefined || state.created.has(rebuilt)) return [];
  const table = name.name.slice(REBUILD_PREFIX.length);
  return [{ rule: 'table-rebuild', message: `rebuilds table ${table}: copies every row into ${name.name}, drops ${table} and renames the copy` }];
}

function dropTables(c: Cursor, state: FileState): Hit[] {
  c.eatAll('IF', 'EXISTS');
  const hits: Hit[] = [];
  for (;;) {
    const name = c.name();
    if (name === undefined) break;
    const key = keyOf(name);
    state.known.delete(key);
    // A table made in this file is new and empty; a drop of the original during a rebuild is the rebuild's finding.
    if (state.created.has(key)) state.created.delete(key);
    else if (!state.created.has(REBUILD_PREFIX + key)) hits.push({ rule: 'drop-table', message: `drops table ${show(name)}` });
    if (!c.isPunct(',')) break;
    c.i++;
  }
  return hits;
}

function createIndex(c: Cursor, state: FileState, unique: boolean): Hit[] {
  const concurrently = c.eat('CONCURRENTLY');
  c.eatAll('IF', 'NOT', 'EXISTS');
  const index = c.is('ON') ? undefined : c.name();
  if (!c.eat('ON')) return [];
  c.eat('ONLY');
  const table = c.name();
  if (state.dialect !== 'postgresql' || concurrently || table === undefined || state.created.has(keyOf(table))) return [];
  const what = `${unique ? 'unique index' : 'index'}${index === undefined ? '' : ` ${index.name}`}`;
  return [{ rule: 'index-not-concurrent', message: `creates ${what} on ${show(table)} without CONCURRENTLY` }];
}

function renameTables(c: Cursor, state: FileState): Hit[] {
  const hits: Hit[] = [];
  for (;;) {
    const from = c.name();
    if (from === undefined || !c.eat('TO')) break;
    const to = c.name();
    if (to === undefined) break;
    hits.push(...renameTable(state, from, to));
    if (!c.isPunct(',')) break;
    c.i++;
  }
  return hits;
}

/** `[dbo].[users].[a]` (or bare `dbo.users`) as its parts. */
function dottedParts(text: string): string[] {
  return [...text.matchAll(/\[((?:[^\]]|\]\])*)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\]\]/g, ']') : m[2]!.trim()));
}

/**
 * SQL Server's renames: `EXEC sp_rename N'[s].[t]', N'new'` renames a table (or view),
 * `..., N'COLUMN'` a column; `OBJECT` (a constraint) and `INDEX` renames pass.
 */
function spRename(c: Cursor, state: FileState): Hit[] {
  const proc = c.name();
  if (proc?.name.toLowerCase() !== 'sp_rename') return [];
  const [old, next, kind] = c
    .rest()
    .filter((t) => t.kind === 'string')
    .map((t) => t.text.slice(1, -1).replace(/''/g, "'"));
  if (old === undefined || next === undefined) return [];
  const parts = dottedParts(old);
  const what = kind?.toUpperCase();
  if (what === undefined) {
    const name = parts.at(-1)!;
    const schema = parts.length > 1 ? parts.at(-2) : undefined;
    return renameTable(state, { schema, name }, { schema, name: next });
  }
  if (what !== 'COLUMN' || parts.length < 2) return [];
  const column = parts.at(-1)!;
  const table: Name = { schema: parts.length > 2 ? parts.at(-3) : undefined, name: parts.at(-2)! };
  renameColumn(state.known, keyOf(table), column, next);
  return state.created.has(keyOf(table)) ? [] : [{ rule: 'rename', message: `renames column ${show(table)}.${column} to ${next}` }];
}

/** A table rename: a finding unless the table is new in this file (a rebuild's copy taking the old name included). */
export function renameTable(state: FileState, from: Name, to: Name): Hit[] {
  const fromKey = keyOf(from);
  const toKey = keyOf(to);
  const isNew = state.created.delete(fromKey);
  // The copy of a rebuild holds the old table's rows: not new once it has the old name.
  if (isNew && fromKey !== REBUILD_PREFIX + toKey) state.created.add(toKey);
  const columns = state.known.get(fromKey);
  state.known.delete(fromKey);
  if (columns !== undefined) state.known.set(toKey, columns);
  return isNew ? [] : [{ rule: 'rename', message: `renames table ${show(from)} to ${show(to)}` }];
}
