import { RenameHintError, renameKey, type RenameAnswers, type RenameEntity, type RenameQuestion } from './diff-hints.js';

/** How one scope's disappeared and appeared things were resolved. */
export interface Matched<T> {
  /** Renamed: `[old, new]`, in the new side's order. */
  renamed: [T, T][];
  created: T[];
  dropped: T[];
  /** Appeared things no answer decides yet. */
  questions: RenameQuestion[];
}

export interface MatchScope<T> {
  entity: RenameEntity;
  /** The new-side qualified table, for columns and policies. */
  scope: string | undefined;
  removed: T[];
  added: T[];
  /** The name questions and answers use: qualified for schema objects, bare inside a table. */
  id: (item: T) => string;
  /** A removed thing's name once earlier renames ran (its schema renamed), also accepted in answers. */
  currentId?: (item: T) => string;
  /** Whether `from` may have become `to` at all (sequences and views stay in their schema). */
  allowed?: (from: T, to: T) => boolean;
}

/**
 * Pairs removed and added things of one scope using the answers; an added thing with possible
 * sources and no answer becomes a question. Never guesses.
 */
export function matchRenames<T>(m: MatchScope<T>, answers: RenameAnswers): Matched<T> {
  const result: Matched<T> = { renamed: [], created: [], dropped: [], questions: [] };
  if (m.added.length === 0 || m.removed.length === 0) {
    result.created = [...m.added];
    result.dropped = [...m.removed];
    return result;
  }
  const allowed = m.allowed ?? (() => true);
  const claimed = new Map<T, T>();
  const decided = new Map<T, T | null>();
  for (const to of m.added) {
    const found = lookupAnswer(answers, m.entity, m.scope, m.id(to));
    if (found === undefined) continue;
    if (found.value === null) {
      decided.set(to, null);
      continue;
    }
    const from = resolveOld(
      found.value,
      m.id(to),
      m.removed.filter((r) => allowed(r, to)),
      (r) => [m.id(r), m.currentId?.(r) ?? m.id(r)],
    );
    if (from === undefined) {
      const options = m.removed.filter((r) => allowed(r, to)).map(m.id);
      throw new RenameHintError(`Rename answer ${found.key} = ${found.value}: no removed ${m.entity} of that name${m.scope === undefined ? '' : ` in ${m.scope}`} (candidates: ${options.length > 0 ? options.join(', ') : 'none'})`);
    }
    const other = claimed.get(from);
    if (other !== undefined) {
      throw new RenameHintError(`Rename answers: ${m.entity} ${m.id(from)} cannot become both ${m.id(other)} and ${m.id(to)}`);
    }
    claimed.set(from, to);
    decided.set(to, from);
  }
  for (const to of m.added) {
    const answer = decided.get(to);
    if (answer === null) result.created.push(to);
    else if (answer !== undefined) result.renamed.push([answer, to]);
    else {
      const candidates = m.removed.filter((r) => !claimed.has(r) && allowed(r, to));
      if (candidates.length === 0) result.created.push(to);
      else result.questions.push({ entity: m.entity, scope: m.scope, added: m.id(to), candidates: candidates.map(m.id) });
    }
  }
  result.dropped = m.removed.filter((r) => !claimed.has(r));
  return result;
}

/** The schemas a name is in when written without one: PostgreSQL's `public`, SQL Server's `dbo`. */
const HOME_SCHEMAS = ['public', 'dbo'];

/**
 * The answer for a question. PostgreSQL names carry `public.` (SQL Server's `dbo.`); a hint
 * written without it (`table:users=people`, `column:users.a=b`) still answers.
 */
function lookupAnswer(answers: RenameAnswers, entity: RenameEntity, scope: string | undefined, added: string): { key: string; value: string | null } | undefined {
  const scopes = scope === undefined ? [undefined] : [scope, withoutPublic(scope)];
  const names = entity === 'column' || entity === 'policy' ? [added] : [added, withoutPublic(added)];
  for (const s of scopes) {
    for (const n of names) {
      const key = renameKey({ entity, scope: s, added: n });
      if (Object.hasOwn(answers, key)) return { key, value: answers[key] ?? null };
    }
  }
  return undefined;
}

function withoutPublic(name: string): string {
  const home = HOME_SCHEMAS.find((s) => name.startsWith(`${s}.`));
  return home === undefined ? name : name.slice(home.length + 1);
}

/** An answer's old name: exact, or unqualified meaning the new name's schema, or `public` (`dbo`). */
function resolveOld<T>(value: string, added: string, candidates: T[], ids: (item: T) => string[]): T | undefined {
  const dot = added.lastIndexOf('.');
  const tries = [value, ...HOME_SCHEMAS.map((s) => `${s}.${value}`)];
  if (dot >= 0 && !value.includes('.')) tries.splice(1, 0, `${added.slice(0, dot + 1)}${value}`);
  for (const t of tries) {
    const hit = candidates.find((c) => ids(c).includes(t));
    if (hit !== undefined) return hit;
  }
  return undefined;
}
