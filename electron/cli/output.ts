import { isBerthError, SecretSet } from '../core/registry/index.js';
import { InvalidReferenceError } from '../../shared/reference.js';
import { escapeControls, hex, oneLine } from '../../shared/terminal-text.js';

export { escapeControls, oneLine };

/**
 * The secrets this run has handled (a password from stdin or the prompt, keychain entries, tokens): the
 * services collect into it, and every line printed below is scrubbed of them.
 */
export const cliSecrets = new SecretSet();

const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * What every text the CLI prints goes through, so no command can forget: secrets out, then control
 * characters made visible. Registry answers, engine messages and server logs all come from outside.
 */
export function forTerminal(text: string): string {
  // A CRLF line end (a log written on Windows) is a line end, not a carriage return to show.
  return escapeControls(cliSecrets.redact(text).replace(/\r\n/g, '\n'));
}

/** Text to stdout as it is (a diff ends with its own newline), filtered like every line. */
export function printText(text: string): void {
  process.stdout.write(forTerminal(text));
}

/**
 * JSON on stdout, scrubbed of secrets. JSON.stringify escapes C0 already; DEL, C1 and the bidi
 * controls are escaped here too (`\u009b` is the same string to a JSON reader, inert to a terminal).
 */
export function printJson(value: unknown): void {
  const text = JSON.stringify(cliSecrets.scrub(value), null, 2) ?? 'null';
  process.stdout.write(`${text.replace(JSON_UNSAFE, (char) => `\\u${hex(char, 4)}`)}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${forTerminal(text)}\n`);
}

/** printLine for a line built from outside text: see oneLine. */
export function printOneLine(text: string): void {
  printLine(oneLine(text));
}

/** One line on stderr (warnings, errors, elevation notes), filtered like stdout. */
export function printErrorLine(text: string): void {
  process.stderr.write(`${forTerminal(text)}\n`);
}

/** Rows as aligned columns; the header in upper case like `docker images`. */
export function printTable(headers: string[], rows: string[][]): void {
  // Escaped first, so the columns line up with what is shown.
  const shown = rows.map((row) => row.map((cell) => forTerminal(oneLine(cell))));
  const widths = headers.map((h, i) => Math.max(h.length, ...shown.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  printLine(line(headers.map((h) => h.toUpperCase())));
  for (const row of shown) printLine(line(row));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/**
 * A command whose report (already printed: a checklist, a table, a `--json` document) says it failed:
 * the same `berth:` and `hint:` lines as any error, on stderr, and exit code 1. In `--json` the report
 * stays the only document on stdout.
 */
export function reportFailure(message: string, hint: string): void {
  printErrorLine(`berth: ${oneLine(message)}`);
  printErrorLine(`hint: ${oneLine(hint)}`);
  process.exitCode = 1;
}

/**
 * The hint for an error that is no BerthError. A file the system refused has a plain answer; anything
 * else reached the user without passing through a source that knows what to do, which is a bug in
 * Berth (the integration tests fail on this hint, so no command path can keep it).
 */
export const UNEXPECTED_ERROR_HINT =
  'Berth did not expect this error: please report it with the command that caused it.';

function hintForUnexpected(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  const where = path ? ` (${path})` : '';
  if (code === 'ENOENT') return `Check the path${where}: there is no such file or folder.`;
  if (code === 'EACCES' || code === 'EPERM')
    return `This user may not use that file${where}: check its owner and mode, or run as its owner.`;
  if (code === 'EISDIR') return `Give a file, not a folder${where}.`;
  return UNEXPECTED_ERROR_HINT;
}

/**
 * Every failure as one line of cause on stderr (`berth: …`) and one of what to do (`hint: …`), exit code
 * 1; `--json` gets the error object on stdout too. Every BerthError carries a hint (its source's, or its
 * code's default), so the hint line is never missing.
 */
export function reportError(error: unknown, json: boolean): void {
  let info: { code: string; message: string; hint: string; commandHint?: undefined };
  // The command line's hint, not the app's (toInfo carries the app's; commandHint would repeat this one).
  if (isBerthError(error)) info = { ...error.toInfo(), commandHint: undefined, hint: error.hint };
  else if (error instanceof InvalidReferenceError)
    info = {
      code: error.code,
      message: error.message,
      hint: 'An image reference is HOST/REPOSITORY[:TAG|@DIGEST], for example 127.0.0.1:5000/team/app:1.',
    };
  else
    info = {
      code: 'ERROR',
      message: error instanceof Error ? error.message : String(error),
      hint: hintForUnexpected(error),
    };
  if (json) printJson({ error: info });
  reportFailure(info.message, info.hint);
}

export { stopOnUnwritableOutput } from './output-closed.js';
