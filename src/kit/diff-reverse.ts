import { SchemaError } from '../core/errors.js';
import { renameKey, type RenameAnswers } from './diff-hints.js';
import { resolve, type Resolved } from './diff-resolve.js';
import { qualifiedName, type SchemaModel } from './model.js';

/**
 * The answers that make `diffSnapshots(to, from, ...)` undo what `diffSnapshots(from, to, answers)`
 * does: each rename answered the other way round (a renamed column renames back rather than being
 * dropped and added), and everything the forward diff dropped answered "created, not renamed"
 * (it comes back as it was, not as a rename of what the forward diff created).
 *
 * The forward answers are read through the differ's own resolution rather than inverted as
 * text, since hints may leave out `public.` or a table's schema.
 *
 * @example reverseAnswers(prev, next, { 'column:public.users.full_name': 'name' }) // { 'column:public.users.name': 'full_name' }
 */
export function reverseAnswers(from: SchemaModel, to: SchemaModel, answers: RenameAnswers): RenameAnswers {
  const r = resolve(from, to, answers);
  if ('questions' in r) {
    throw new SchemaError(`Cannot reverse a diff whose renames are not all answered (open: ${r.questions.map((q) => renameKey(q)).join(', ')})`);
  }
  const reversed: RenameAnswers = {};
  // In the reverse diff the old side's names are the ones that "appear": they key the answers.
  const add = <T>(entity: Parameters<typeof renameKey>[0]['entity'], scope: string | undefined, resolved: Resolved<T>, id: (item: T) => string): void => {
    for (const p of resolved.pairs) if (p.renamed) reversed[renameKey({ entity, scope, added: id(p.from) })] = id(p.to);
    for (const gone of resolved.dropped) reversed[renameKey({ entity, scope, added: id(gone) })] = null;
  };
  add('schema', undefined, r.schemas, (s) => s);
  add('role', undefined, r.roles, (role) => role.name);
  add('enum', undefined, r.enums, qualifiedName);
  add('sequence', undefined, r.sequences, qualifiedName);
  add('table', undefined, r.tables, qualifiedName);
  add('view', undefined, r.views, qualifiedName);
  for (const pair of r.tablePairs) {
    // Columns and policies are scoped by the reverse diff's new side: the forward's old table.
    const scope = qualifiedName(pair.from);
    add('column', scope, pair.columns, (c) => c.name);
    add('policy', scope, pair.policies, (p) => p.name);
  }
  return reversed;
}
