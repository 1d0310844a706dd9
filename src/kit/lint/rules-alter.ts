/**
 * Rules on ALTER TABLE's actions (one statement may hold several, comma-separated): ADD COLUMN,
 * ADD CONSTRAINT ... FOREIGN KEY, DROP COLUMN, ALTER COLUMN ... SET NOT NULL / TYPE, MySQL's
 * MODIFY and CHANGE, SQL Server's ALTER COLUMN with the column's type and nullability, and the
 * RENAME forms.
 */
import type { Token } from '../sql-tokens.js';
import { isSafePgTypeChange, knownColumn, renameColumn, setColumn } from './known-columns.js';
import { columnDefinition, commaParts, Cursor, keyOf, show, typeText, type ColumnDefinition, type Name } from './read.js';
import { renameTable } from './rules-tables.js';
import type { FileState, Hit } from './state.js';

/** Words that start an ADD of something other than a column. */
const ADD_NOT_COLUMN = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'INDEX', 'KEY', 'FULLTEXT', 'SPATIAL', 'EXCLUDE'];
/** Words that start a DROP of something other than a column. */
const DROP_NOT_COLUMN = ['CONSTRAINT', 'INDEX', 'KEY', 'PRIMARY', 'FOREIGN', 'CHECK', 'PARTITION'];

interface Target {
  state: FileState;
  table: Name;
  key: string;
  /** Created earlier in this file: new and empty. */
  isNew: boolean;
}

/** `ALTER TABLE [IF EXISTS] [ONLY] name action[, action...]`, the cursor after `ALTER TABLE`. */
export function alterTable(c: Cursor, state: FileState): Hit[] {
  c.eatAll('IF', 'EXISTS');
  c.eat('ONLY');
  const table = c.name();
  if (table === undefined) return [];
  const hits: Hit[] = [];
  for (const action of commaParts(c.tokens, c.i)) {
    // A rename earlier in the statement changes the key the next actions work on.
    const key = keyOf(table);
    hits.push(...alterAction(action, { state, table, key, isNew: state.created.has(key) }));
  }
  return hits;
}

function alterAction(tokens: readonly Token[], t: Target): Hit[] {
  const a = new Cursor(tokens);
  if (a.eat('ADD')) return a.is(...ADD_NOT_COLUMN) ? addConstraint(a, t) : addColumn(a, t);
  if (a.eat('DROP')) {
    if (a.is(...DROP_NOT_COLUMN)) return [];
    a.eat('COLUMN');
    a.eatAll('IF', 'EXISTS');
    const column = a.ident();
    if (column === undefined) return [];
    t.state.known.get(t.key)?.delete(column.toLowerCase());
    return t.isNew ? [] : [{ rule: 'drop-column', message: `drops column ${show(t.table)}.${column}` }];
  }
  if (a.eat('ALTER')) {
    a.eat('COLUMN');
    const definition = a.rest();
    const column = a.ident();
    if (column === undefined) return [];
    if (a.eatAll('SET', 'NOT', 'NULL')) return notNull(t, column);
    if (a.eatAll('DROP', 'NOT', 'NULL')) setColumn(t.state.known, t.key, column, { notNull: false });
    else if (a.eatAll('SET', 'DATA', 'TYPE') || a.eat('TYPE')) return typeChange(t, column, typeText(tokens, a.i).type);
    else if (t.state.dialect === 'mssql') {
      // T-SQL restates the type and the nullability: `ALTER COLUMN [c] nvarchar(50) NOT NULL`.
      const def = columnDefinition(definition);
      if (def !== undefined) return redefine(t, def);
    }
    return [];
  }
  if (a.eat('MODIFY')) {
    a.eat('COLUMN');
    const def = columnDefinition(a.rest());
    return def === undefined ? [] : redefine(t, def);
  }
  if (a.eat('CHANGE')) {
    a.eat('COLUMN');
    const from = a.ident();
    const def = columnDefinition(a.rest());
    if (from === undefined || def === undefined) return [];
    const renamed = from.toLowerCase() !== def.name.toLowerCase();
    if (renamed) renameColumn(t.state.known, t.key, from, def.name);
    const rename: Hit[] = renamed && !t.isNew ? [{ rule: 'rename', message: `renames column ${show(t.table)}.${from} to ${def.name}` }] : [];
    return [...rename, ...redefine(t, def)];
  }
  if (a.eat('RENAME')) return rename(a, t);
  // PostgreSQL's move to another schema: for running code the table is gone from its old name.
  if (a.eatAll('SET', 'SCHEMA')) {
    const schema = a.ident();
    return schema === undefined || t.isNew ? [] : [{ rule: 'rename', message: `moves table ${show(t.table)} to schema ${schema}` }];
  }
  return [];
}

function addColumn(a: Cursor, t: Target): Hit[] {
  a.eat('COLUMN');
  a.eatAll('IF', 'NOT', 'EXISTS');
  const def = columnDefinition(a.rest());
  if (def === undefined) return [];
  setColumn(t.state.known, t.key, def.name, { type: def.type, notNull: def.notNull });
  if (t.isNew || !def.notNull || def.filled) return [];
  return [{ rule: 'not-null-without-default', message: `adds NOT NULL column ${show(t.table)}.${def.name} without a default` }];
}

function addConstraint(a: Cursor, t: Target): Hit[] {
  const name = a.eat('CONSTRAINT') ? a.ident() : undefined;
  const words = a
    .rest()
    .filter((x) => x.kind === 'word')
    .map((x) => x.value);
  const at = (w1: string, w2: string) => words.some((w, i) => w === w1 && words[i + 1] === w2);
  if (t.state.dialect !== 'postgresql' || t.isNew || !at('FOREIGN', 'KEY') || at('NOT', 'VALID')) return [];
  return [{ rule: 'foreign-key-not-valid', message: `adds foreign key ${name === undefined ? '' : `${name} `}on ${show(t.table)} without NOT VALID` }];
}

/** MySQL's MODIFY / CHANGE and SQL Server's ALTER COLUMN: the column's new definition, so its type and nullability both may change. */
function redefine(t: Target, def: ColumnDefinition): Hit[] {
  const hits = typeChange(t, def.name, def.type);
  if (def.notNull && !def.filled) hits.push(...notNull(t, def.name));
  else setColumn(t.state.known, t.key, def.name, { notNull: def.notNull });
  return hits;
}

function notNull(t: Target, column: string): Hit[] {
  const was = knownColumn(t.state.known, t.key, column)?.notNull;
  setColumn(t.state.known, t.key, column, { notNull: true });
  if (t.isNew || was === true) return [];
  return [{ rule: 'not-null-without-default', message: `makes column ${show(t.table)}.${column} NOT NULL`, variant: 'set-not-null' }];
}

function typeChange(t: Target, column: string, to: string | undefined): Hit[] {
  if (to === undefined) return [];
  const from = knownColumn(t.state.known, t.key, column)?.type;
  setColumn(t.state.known, t.key, column, { type: to });
  if (t.isNew || from === to) return [];
  if (t.state.dialect === 'postgresql' && isSafePgTypeChange(from, to)) return [];
  return [{ rule: 'type-change', message: `changes the type of ${show(t.table)}.${column} ${from === undefined ? '' : `from ${from} `}to ${to}` }];
}

/** `RENAME [COLUMN] a TO b`, `RENAME [TO|AS] new_table`; RENAME INDEX/KEY/CONSTRAINT pass. */
function rename(a: Cursor, t: Target): Hit[] {
  if (a.is('INDEX', 'KEY', 'CONSTRAINT')) return [];
  if (a.eat('TO', 'AS')) {
    const to = a.name();
    if (to === undefined) return [];
    const hits = renameTable(t.state, t.table, to);
    // Later actions of the statement (MySQL allows them) work on the new name.
    Object.assign(t.table, to);
    return hits;
  }
  a.eat('COLUMN');
  const from = a.ident();
  if (from === undefined || !a.eat('TO')) return [];
  const to = a.ident();
  if (to === undefined) return [];
  renameColumn(t.state.known, t.key, from, to);
  return t.isNew ? [] : [{ rule: 'rename', message: `renames column ${show(t.table)}.${from} to ${to}` }];
}
