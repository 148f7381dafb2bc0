import { isBerthError } from '../core/registry/index.js';
import { InvalidReferenceError } from '../../shared/reference.js';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** Rows as aligned columns; the header in upper case like `docker images`. */
export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  printLine(line(headers.map((h) => h.toUpperCase())));
  for (const row of rows) printLine(line(row));
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

/** One line of cause on stderr (plus the hint), exit code 1; `--json` gets the error object on stdout too. */
export function reportError(error: unknown, json: boolean): void {
  let info: { code: string; message: string; hint?: string };
  if (isBerthError(error)) info = error.toInfo();
  else if (error instanceof InvalidReferenceError) info = { code: error.code, message: error.message };
  else info = { code: 'ERROR', message: error instanceof Error ? error.message : String(error) };
  if (json) printJson({ error: info });
  process.stderr.write(`berth: ${info.message}\n`);
  if (info.hint) process.stderr.write(`hint: ${info.hint}\n`);
  process.exitCode = 1;
}
