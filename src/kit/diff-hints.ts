import { SluiceError } from '../core/errors.js';

export type RenameEntity = 'schema' | 'enum' | 'sequence' | 'table' | 'column' | 'view' | 'policy' | 'role';

/** Something appeared where something of its kind disappeared: a rename, or a new thing? */
export interface RenameQuestion {
  entity: RenameEntity;
  /** The (new-side) qualified table for columns and policies. */
  scope: string | undefined;
  /** The new thing's name. */
  added: string;
  /** The removed things it could have been renamed from. */
  candidates: string[];
}

/** `renameKey(question)` -> the old name it was renamed from, or null for "created, not renamed". */
export type RenameAnswers = Record<string, string | null>;

/** A rename hint or answer that cannot be read or does not fit the snapshots. */
export class RenameHintError extends SluiceError {}

const ENTITIES: readonly RenameEntity[] = ['schema', 'enum', 'sequence', 'table', 'column', 'view', 'policy', 'role'];
/** Entities whose names may carry a schema (`app.users`). */
const SCHEMA_QUALIFIED = new Set<RenameEntity>(['enum', 'sequence', 'table', 'view']);
/** Entities that live inside a table and are written `table.name`. */
const TABLE_SCOPED = new Set<RenameEntity>(['column', 'policy']);

/**
 * The answer key of a question: `entity:scope.added`, e.g. `table:public.users`,
 * `column:public.users.email`.
 *
 * @example renameKey({ entity: 'column', scope: 'public.users', added: 'email' }) // 'column:public.users.email'
 */
export function renameKey(question: Pick<RenameQuestion, 'entity' | 'scope' | 'added'>): string {
  return `${question.entity}:${question.scope === undefined ? '' : `${question.scope}.`}${question.added}`;
}

/**
 * A CLI `--rename` hint as an answer: `{ key: renameKey(...), from: old name or null }`.
 *
 * Grammar (names are database names; a table may be written `schema.table`):
 * - `kind:old=new` with kind one of schema, enum, sequence, table, view, role:
 *   `table:app.old=app.new`, `enum:mood=feeling`. An unqualified new name keeps the old
 *   name's schema (`table:app.old=new` is `app.old` -> `app.new`).
 * - `column:table.old=new`, `policy:table.old=new`: `table` is the new-side table name.
 * - `create:kind:name` (`create:column:users.nickname`, `create:table:app.users`): the thing
 *   is new, not renamed from anything.
 * - Without a kind: `old=new` and `app.old=app.new` are tables, `table.old=new` (a dot on the
 *   left only) is a column.
 *
 * @example parseRenameHint('column:users.name=full_name') // { key: 'column:users.full_name', from: 'name' }
 */
export function parseRenameHint(text: string): { key: string; from: string | null } {
  const hint = text.trim();
  const fail = (why: string): never => {
    throw new RenameHintError(`Rename hint "${text}": ${why}. Expected kind:old=new (kinds: ${ENTITIES.join(', ')}), table.old=new for a column, or create:kind:name.`);
  };
  if (hint === '') fail('it is empty');

  if (hint.startsWith('create:')) {
    const rest = hint.slice('create:'.length);
    const colon = rest.indexOf(':');
    if (colon < 0) fail('create: needs a kind and a name, as in create:column:users.nickname');
    const entity = toEntity(rest.slice(0, colon), fail);
    const name = rest.slice(colon + 1);
    if (name.includes('=')) fail('create: names one new thing and takes no "="');
    const { scope, last } = splitName(entity, name, fail);
    return { key: renameKey({ entity, scope, added: last }), from: null };
  }

  let entity: RenameEntity | undefined;
  let body = hint;
  const colon = hint.indexOf(':');
  if (colon >= 0) {
    entity = toEntity(hint.slice(0, colon), fail);
    body = hint.slice(colon + 1);
  }
  const parts = body.split('=');
  if (parts.length !== 2) fail(parts.length < 2 ? 'it has no "=" between the old and the new name' : 'it has more than one "="');
  const [left, right] = parts as [string, string];
  if (left.trim() === '' || right.trim() === '') fail('the old or the new name is empty');
  entity ??= left.includes('.') && !right.includes('.') ? 'column' : 'table';

  if (TABLE_SCOPED.has(entity)) {
    const { scope, last } = splitName(entity, left, fail);
    if (right.includes('.')) fail(`the new ${entity} name is written without its table (the table goes on the left: table.old=new)`);
    return { key: renameKey({ entity, scope, added: clean(right, fail) }), from: last };
  }
  if (SCHEMA_QUALIFIED.has(entity)) {
    const from = splitName(entity, left, fail);
    const to = splitName(entity, right, fail);
    const schema = to.scope ?? from.scope;
    return { key: renameKey({ entity, scope: undefined, added: schema === undefined ? to.last : `${schema}.${to.last}` }), from: left.trim() };
  }
  if (left.includes('.') || right.includes('.')) fail(`a ${entity} name has no schema or table part`);
  return { key: renameKey({ entity, scope: undefined, added: clean(right, fail) }), from: clean(left, fail) };
}

function toEntity(kind: string, fail: (why: string) => never): RenameEntity {
  const entity = ENTITIES.find((e) => e === kind.trim());
  return entity ?? fail(`"${kind}" is not a kind of thing that can be renamed`);
}

function clean(name: string, fail: (why: string) => never): string {
  const trimmed = name.trim();
  if (trimmed === '' || /\s/.test(trimmed)) fail(`"${name}" is not a name`);
  return trimmed;
}

/** `a.b.c` -> scope `a.b`, last `c`, checked against what the entity allows. */
function splitName(entity: RenameEntity, name: string, fail: (why: string) => never): { scope: string | undefined; last: string } {
  const parts = name.split('.').map((p) => clean(p, fail));
  if (TABLE_SCOPED.has(entity)) {
    if (parts.length < 2 || parts.length > 3) fail(`a ${entity} is written table.${entity} or schema.table.${entity}`);
    return { scope: parts.slice(0, -1).join('.'), last: parts[parts.length - 1]! };
  }
  if (SCHEMA_QUALIFIED.has(entity)) {
    if (parts.length > 2) fail(`a ${entity} is written name or schema.name`);
    return { scope: parts.length === 2 ? parts[0] : undefined, last: parts[parts.length - 1]! };
  }
  if (parts.length !== 1) fail(`a ${entity} name has no schema or table part`);
  return { scope: undefined, last: parts[0]! };
}
