/** A stream the CLI writes to; `isTTY` as Node sets it on process.stdout/stderr. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';
const codes: Record<Style, [number, number]> = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] };

/**
 * Everything the CLI prints goes through here: text on stdout (coloured only on a terminal without
 * NO_COLOR), exactly one JSON object with `--json`, and a transient progress line on stderr while
 * a long step runs on a terminal.
 */
export class Reporter {
  readonly json: boolean;
  private readonly color: boolean;
  private progressShown = false;
  private readonly stdout: Output;
  private readonly stderr: Output;

  constructor(stdout: Output, stderr: Output, options: { json: boolean; env: Record<string, string | undefined> }) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.json = options.json;
    this.color = stdout.isTTY === true && (options.env.NO_COLOR === undefined || options.env.NO_COLOR === '') && !options.json;
  }

  /** Wraps text in a terminal style when colours are on. */
  style(style: Style, text: string): string {
    if (!this.color) return text;
    const [open, close] = codes[style];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  }

  /** A line of human-readable output (nothing in JSON mode: the JSON object says it). */
  line(text = ''): void {
    if (this.json) return;
    this.clearProgress();
    this.stdout.write(`${text}\n`);
  }

  /** The command's one JSON object. */
  result(value: unknown): void {
    this.clearProgress();
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A failure: on stderr as text, or as the JSON object's `error`. */
  error(message: string, details: Record<string, unknown> = {}): void {
    this.clearProgress();
    if (this.json) this.result({ status: 'error', error: { message, ...details } });
    else this.stderr.write(`${this.style('red', 'error')} ${message}\n`);
  }

  /** Shows what a long step is doing, on stderr, when it is a terminal; replaced by the next line. */
  progress(text: string): void {
    if (this.stderr.isTTY !== true) return;
    this.stderr.write(`\r\u001b[K${text}`);
    this.progressShown = true;
  }

  clearProgress(): void {
    if (!this.progressShown) return;
    this.stderr.write('\r\u001b[K');
    this.progressShown = false;
  }
}
