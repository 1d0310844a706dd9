import { lint } from '../api/lint.js';
import { LINT_IGNORE, type LintFinding } from '../lint/index.js';
import type { CommandHandler } from './commands.js';
import type { Reporter } from './reporter.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The statement on one line, cut short: enough to find it in the file. */
function oneLine(statement: string): string {
  const line = statement.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

/** Prints one finding: `<migration>  <rule>  <message>`, then the statement, why and instead. */
export function printFinding(reporter: Reporter, f: LintFinding, label?: string): void {
  const head = `${f.migration}  ${reporter.style('bold', f.rule)}  ${f.message}`;
  reporter.line(label === undefined ? head : `${reporter.style('yellow', label)} ${head}`);
  if (f.statement !== '') reporter.line(`    ${reporter.style('dim', oneLine(f.statement))}`);
  reporter.line(`    why: ${f.reason}`);
  reporter.line(`    instead: ${f.alternative}`);
}

/** `sluice lint [names...] [--since <name>] [--json]`: exit 1 on findings, so CI stops on them. */
export const lintCommand: CommandHandler = async (config, { flags, positionals, reporter }) => {
  const result = lint(config, { names: positionals, since: flags.since as string | undefined });
  const status = result.findings.length === 0 ? 'ok' : 'findings';
  if (reporter.json) {
    reporter.result({ status, migrations: result.migrations, findings: result.findings });
    return status === 'ok' ? 0 : 1;
  }
  for (const f of result.findings) printFinding(reporter, f);
  if (status === 'ok') {
    reporter.line(`${plural(result.migrations, 'migration')} linted: no findings.`);
    return 0;
  }
  reporter.line();
  reporter.line(`${reporter.style('red', plural(result.findings.length, 'finding'))} in ${plural(result.migrations, 'migration')} linted. Accept one on purpose with \`${LINT_IGNORE} <rule>\` above its statement.`);
  return 1;
};
