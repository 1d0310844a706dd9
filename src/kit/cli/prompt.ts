import { createInterface } from 'node:readline/promises';
import { KitError } from '../config-errors.js';
import { renameKey, type RenameAnswers, type RenameQuestion } from '../diff.js';
import type { Reporter } from './reporter.js';

/**
 * Asks each rename question on the terminal: a numbered list of the removed things it may have
 * been renamed from, then "create new". A removed thing chosen once is not offered again in the
 * same scope.
 */
export async function askRenames(questions: readonly RenameQuestion[], io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream }, reporter: Reporter): Promise<RenameAnswers> {
  // Not in terminal mode: the terminal's own line editing suffices for a number, and tests can drive it.
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: false });
  const answers: RenameAnswers = {};
  const taken = new Set<string>();
  // Without this, a question asked after the input ended (Ctrl-D, a closed pipe) would wait forever.
  let ended = false;
  rl.once('close', () => (ended = true));
  const ask = (prompt: string) =>
    new Promise<string>((resolve, reject) => {
      if (ended) return reject(new KitError('the input ended before every rename question was answered; nothing was written'));
      const onClose = () => reject(new KitError('the input ended before every rename question was answered; nothing was written'));
      rl.once('close', onClose);
      rl.question(prompt).then((answer) => {
        rl.off('close', onClose);
        resolve(answer);
      }, reject);
    });
  try {
    for (const q of questions) {
      const scope = `${q.entity}:${q.scope ?? ''}`;
      const candidates = q.candidates.filter((c) => !taken.has(`${scope}:${c}`));
      const where = q.scope === undefined ? '' : ` in ${q.scope}`;
      reporter.line(`${reporter.style('bold', `Is ${q.entity} ${q.added}${where} new, or renamed?`)}`);
      for (const [i, c] of candidates.entries()) reporter.line(`  ${i + 1}) renamed from ${c}`);
      reporter.line(`  ${candidates.length + 1}) created (new ${q.entity})`);
      for (;;) {
        const text = (await ask(`Choice [1-${candidates.length + 1}]: `)).trim();
        const choice = Number(text);
        if (!Number.isInteger(choice) || choice < 1 || choice > candidates.length + 1) {
          reporter.line(`Type a number from 1 to ${candidates.length + 1}.`);
          continue;
        }
        const from = choice <= candidates.length ? candidates[choice - 1]! : null;
        if (from !== null) taken.add(`${scope}:${from}`);
        answers[renameKey(q)] = from;
        break;
      }
    }
  } finally {
    rl.close();
  }
  return answers;
}

/** The `--rename` flag that gives a question's answer: renamed from `from`, or created when `from` is null. */
export function renameFlag(q: RenameQuestion, from: string | null): string {
  const scope = q.scope === undefined ? '' : `${q.scope}.`;
  return from === null ? `--rename create:${q.entity}:${scope}${q.added}` : `--rename ${q.entity}:${scope}${from}=${q.added}`;
}

/** Asks a yes/no question on the terminal; anything but y/yes is no, and so is the input ending. */
export async function askYesNo(question: string, io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream }): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: false });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('close', () => resolve(''));
      rl.question(`${question} [y/N] `).then(resolve, () => resolve(''));
    });
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}
