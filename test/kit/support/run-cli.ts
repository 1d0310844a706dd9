import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/kit/cli/run.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `sluice` command line in process. `tty` makes stdin and stdout terminals; `answers`
 * are typed, one per prompt, when the CLI asks.
 */
export async function runSluice(args: string[], options: { cwd: string; tty?: boolean; answers?: string[]; endInput?: boolean; env?: Record<string, string | undefined> }): Promise<CliRun> {
  const stdin = Object.assign(new PassThrough(), { isTTY: options.tty === true });
  const answers = [...(options.answers ?? [])];
  let stdout = '';
  let stderr = '';
  const out = Object.assign(new PassThrough(), { isTTY: options.tty === true });
  out.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!/Choice \[[^\]]*\]: $/.test(stdout)) return;
    if (answers.length > 0) stdin.write(`${answers.shift()}\n`);
    else if (options.endInput === true) stdin.end();
  });
  const err = { isTTY: options.tty === true, write: (text: string) => (stderr += text) };
  const code = await runCli(args, { cwd: options.cwd, env: options.env ?? {}, stdout: out, stderr: err, stdin });
  await new Promise((r) => setImmediate(r));
  return { code, stdout, stderr };
}
