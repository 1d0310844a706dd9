/**
 * What the linter knows about columns from earlier migrations, read from their SQL: a column's
 * type and nullability, so a type change can be judged against the old type (varchar widening is
 * safe) and `MODIFY ... NOT NULL` of a column that already was NOT NULL is no finding.
 */
import type { SchemaModel } from '../model.js';
import { tokenize } from '../sql-tokens.js';
import { typeText } from './read.js';

export interface KnownColumn {
  type: string | undefined;
  notNull: boolean | undefined;
}

/** Table key (bare name, lower case) -> column name (lower case) -> what is known. Read and updated as migrations are linted in order. */
export type KnownColumns = Map<string, Map<string, KnownColumn>>;

export function knownColumn(known: KnownColumns, table: string, column: string): KnownColumn | undefined {
  return known.get(table)?.get(column.toLowerCase());
}

export function setColumn(known: KnownColumns, table: string, column: string, facts: Partial<KnownColumn>): void {
  let columns = known.get(table);
  if (columns === undefined) known.set(table, (columns = new Map()));
  const key = column.toLowerCase();
  const old = columns.get(key) ?? { type: undefined, notNull: undefined };
  columns.set(key, { type: facts.type ?? old.type, notNull: facts.notNull ?? old.notNull });
}

export function renameColumn(known: KnownColumns, table: string, from: string, to: string): void {
  const columns = known.get(table);
  const old = columns?.get(from.toLowerCase());
  if (columns === undefined || old === undefined) return;
  columns.delete(from.toLowerCase());
  columns.set(to.toLowerCase(), old);
}

/** The columns of a schema model (generate's previous snapshot), in the linter's spelling. */
export function knownColumnsOf(model: Pick<SchemaModel, 'tables'>): KnownColumns {
  const known: KnownColumns = new Map();
  for (const t of model.tables) {
    for (const c of t.columns) setColumn(known, t.name.toLowerCase(), c.name, { type: typeText(tokenize(c.type), 0).type, notNull: c.notNull });
  }
  return known;
}

const varchar = /^varchar(?:\((\d+)\))?$/;
const numeric = /^numeric(?:\((\d+)(?:,(\d+))?\))?$/;

/**
 * Type changes PostgreSQL makes without rewriting the table (it only checks the catalog), kept
 * to a short list that is easy to verify: varchar(n) to varchar(m >= n), to unbounded varchar or
 * to text; numeric(p,s) to numeric(q >= p,s) or to unconstrained numeric. Anything else, an
 * unknown old type included, counts as a rewrite.
 */
export function isSafePgTypeChange(from: string | undefined, to: string): boolean {
  if (from === undefined) return false;
  const vFrom = varchar.exec(from);
  if (vFrom !== null) {
    if (to === 'text' || to === 'varchar') return true;
    const vTo = varchar.exec(to);
    return vFrom[1] !== undefined && vTo?.[1] !== undefined && Number(vTo[1]) >= Number(vFrom[1]);
  }
  const nFrom = numeric.exec(from);
  if (nFrom !== null && nFrom[1] !== undefined) {
    if (to === 'numeric') return true;
    const nTo = numeric.exec(to);
    return nTo?.[1] !== undefined && Number(nTo[1]) >= Number(nFrom[1]) && (nTo[2] ?? '0') === (nFrom[2] ?? '0');
  }
  return false;
}
