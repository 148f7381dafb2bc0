import { describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../shared/jobs.js';
import { cliSecrets, escapeControls, forTerminal } from '../../electron/cli/output.js';
import { ProgressPrinter } from '../../electron/cli/progress.js';

const SECRET = 'progress-Pa55word';

function job(label: string, note: string): JobSnapshot {
  return {
    id: 'job',
    kind: 'pull',
    title: 'pull',
    status: 'running',
    startedAt: 0,
    items: [{ id: 'a', label, kind: 'layer', state: 'failed', bytesDone: 0, note }],
    overall: { bytesDone: 0, bytesTotal: 0, itemsDone: 0, itemsTotal: 1, rate: 0 },
  };
}

function collector(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = {
    columns: 200,
    write: (chunk: string) => chunks.push(chunk),
  } as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join('') };
}

describe('what the CLI prints', () => {
  it('shows control characters as text and keeps newlines and tabs', () => {
    expect(escapeControls('a\u001b]0;x\u0007b')).toBe('a\\x1b]0;x\\x07b');
    expect(escapeControls('\u009b2J \u202eexe \u2066i\u2069 \u007f')).toBe(
      '\\x9b2J \\u202eexe \\u2066i\\u2069 \\x7f',
    );
    expect(escapeControls('one\ttwo\nthree\rfour')).toBe('one\ttwo\nthree\\x0dfour');
    expect(forTerminal('line one\r\nline two\r\n')).toBe('line one\nline two\n');
  });

  it('draws job progress with its own cursor codes only, labels and notes filtered', () => {
    cliSecrets.add(SECRET);
    const evil = job('layer\u001b[2J', `denied: password=${SECRET} \u001b]0;pwned\u0007`);
    for (const tty of [true, false]) {
      const out = collector();
      new ProgressPrinter(out.stream, tty).update(evil);
      const text = out.text();
      expect(text).not.toContain(SECRET);
      expect(text).toContain('layer\\x1b[2J');
      expect(text).toContain('\\x1b]0;pwned\\x07');
      // The only escape sequences left are the printer's own: erase line, and cursor up on redraws.
      // eslint-disable-next-line no-control-regex
      const ownCodes = /\u001b\[2K|\u001b\[\d+A/g;
      // eslint-disable-next-line no-control-regex
      const active = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
      expect(text.replace(ownCodes, '')).not.toMatch(active);
    }
  });
});
