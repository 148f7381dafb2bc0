import { createInterface } from 'node:readline/promises';
import { CancelledError } from '../core/registry/index.js';
import { cliSecrets, forTerminal } from './output.js';

/** Prompts go to stderr so stdout stays clean for --json and pipes. */
const output = process.stderr;

export function isInteractive(): boolean {
  return process.stdin.isTTY === true && output.isTTY === true;
}

/** One line typed by the user, echoed. */
export async function promptLine(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    // Questions name tags and repositories a registry chose: shown like every other line.
    return (await rl.question(forTerminal(question))).trim();
  } finally {
    rl.close();
  }
}

export async function confirm(question: string): Promise<boolean> {
  return /^y(es)?$/i.test(await promptLine(`${question} [y/N] `));
}

/** `--yes` answers; without a terminal to ask on, the answer is no. */
export async function confirmUnlessYes(question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!isInteractive()) return false;
  return confirm(question);
}

/**
 * A secret typed at the terminal with echo off: the terminal goes to raw mode, so nothing is shown
 * while typing; backspace and Ctrl-U edit, Enter ends, Ctrl-C cancels.
 */
export async function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  // Echo goes off before the prompt shows, so nothing typed in answer to it is ever echoed.
  input.setRawMode(true);
  output.write(forTerminal(question));
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value: string[] = [];
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          cliSecrets.add(value.join(''));
          resolve(value.join(''));
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new CancelledError('cancelled at the password prompt'));
          return;
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char === '\u0015') value = [];
        else if (char >= ' ') value.push(char);
      }
    };
    input.on('data', onData);
  });
}
