import type { Change } from '../changes.js';
import { diffSnapshots, renameKey, type RenameAnswers, type RenameQuestion } from '../diff.js';
import type { SchemaModel } from '../model.js';

/**
 * Diffs with the answers known up front, asking `resolve` (a terminal) about what stays open
 * until the differ is satisfied; returns the open questions when nobody can answer them. The
 * answers that settled the diff come back with its changes (the down migration reverses them).
 */
export async function diffWithAnswers(
  from: SchemaModel,
  to: SchemaModel,
  known: RenameAnswers | undefined,
  resolve: ((questions: RenameQuestion[]) => Promise<RenameAnswers | undefined>) | undefined,
): Promise<{ status: 'ok'; changes: Change[]; answers: RenameAnswers } | { status: 'questions'; questions: RenameQuestion[]; answers: RenameAnswers }> {
  const answers: RenameAnswers = { ...known };
  for (;;) {
    const diff = diffSnapshots(from, to, answers);
    if (diff.status === 'ok') return { ...diff, answers };
    const more = resolve === undefined ? undefined : await resolve(diff.questions);
    if (more === undefined || !diff.questions.some((q) => Object.hasOwn(more, renameKey(q)))) return { status: 'questions', questions: diff.questions, answers };
    Object.assign(answers, more);
  }
}
