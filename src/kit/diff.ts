import type { Change } from './changes.js';
import type { SchemaModel } from './model.js';

// Contract placeholder: the differ's signatures, replaced by the implementation.

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

export type DiffResult = { status: 'ok'; changes: Change[] } | { status: 'questions'; questions: RenameQuestion[] };

export function diffSnapshots(from: SchemaModel, to: SchemaModel, answers: RenameAnswers): DiffResult {
  void from, to, answers;
  throw new Error('diffSnapshots: not built yet');
}

export function renameKey(question: Pick<RenameQuestion, 'entity' | 'scope' | 'added'>): string {
  return `${question.entity}:${question.scope === undefined ? '' : `${question.scope}.`}${question.added}`;
}

/** A CLI `--rename` hint as an answer: `{ key: renameKey(...), from: old name or null }`. */
export function parseRenameHint(text: string): { key: string; from: string | null } {
  void text;
  throw new Error('parseRenameHint: not built yet');
}
