// The raw JSON view's lines and highlighting (renderer/lib/json-lines.ts), on plain text.
import { describe, expect, it } from 'vitest';
import { jsonLines, MAX_LINE_CHARS, tokenizeJsonLine } from '../../renderer/lib/json-lines.js';

describe('JSON lines for the raw view', () => {
  it('tells keys from string values, and numbers, literals and punctuation apart', () => {
    const tokens = tokenizeJsonLine('   "size": 1234, "ok": true, "name": "a \\"b\\": c", "n": null');
    expect(tokens.filter((token) => token.kind !== 'space')).toEqual([
      { kind: 'key', text: '"size"' },
      { kind: 'punctuation', text: ':' },
      { kind: 'number', text: '1234' },
      { kind: 'punctuation', text: ',' },
      { kind: 'key', text: '"ok"' },
      { kind: 'punctuation', text: ':' },
      { kind: 'literal', text: 'true' },
      { kind: 'punctuation', text: ',' },
      { kind: 'key', text: '"name"' },
      { kind: 'punctuation', text: ':' },
      { kind: 'string', text: '"a \\"b\\": c"' },
      { kind: 'punctuation', text: ',' },
      { kind: 'key', text: '"n"' },
      { kind: 'punctuation', text: ':' },
      { kind: 'literal', text: 'null' },
    ]);
  });

  it('keeps every character of a line, broken JSON included', () => {
    for (const line of ['{"a": [1, -2.5e3, "x"]}', '  "open: [tru', 'nonsense ]] "\\', '']) {
      expect(
        tokenizeJsonLine(line)
          .map((token) => token.text)
          .join(''),
      ).toBe(line);
    }
  });

  it('shows multi-line JSON as served and indents JSON served as one line', () => {
    const served = '{\n   "schemaVersion": 2\n}\n';
    expect(jsonLines(served)).toEqual({
      lines: ['{', '   "schemaVersion": 2', '}'],
      isReformatted: false,
      longest: 21,
    });
    const compact = jsonLines('{"schemaVersion":2,"layers":[]}');
    expect(compact.lines).toEqual(['{', '  "schemaVersion": 2,', '  "layers": []', '}']);
    expect(compact.isReformatted).toBe(true);
    expect(jsonLines('not json').lines).toEqual(['not json']);
  });

  it('splits a 1 MB manifest into its lines in one pass', () => {
    const layer = {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: `sha256:${'a'.repeat(64)}`,
      size: 1,
    };
    const manifest = JSON.stringify(
      { schemaVersion: 2, layers: Array.from({ length: 6000 }, () => layer) },
      null,
      3,
    );
    expect(manifest.length).toBeGreaterThan(1_000_000);
    const { lines, longest } = jsonLines(manifest);
    expect(lines.length).toBe(manifest.split('\n').length);
    expect(longest).toBe(Math.max(...lines.map((line) => line.length)));
  });

  it('does not indent JSON nested 20,000 deep into hundreds of megabytes, and cuts lines for showing', () => {
    const deep = `{"schemaVersion":2,"annotations":{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;
    expect(deep.length).toBeLessThan(50_000);
    const started = Date.now();
    const { lines, isReformatted, longest, cutLines } = jsonLines(deep);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(isReformatted).toBe(false);
    expect(lines.reduce((total, line) => total + line.length, 0)).toBeLessThan(20_000);
    expect(longest).toBeLessThanOrEqual(MAX_LINE_CHARS + 2);
    expect(cutLines).toBe(1);
    expect(tokenizeJsonLine(lines[0]!).length).toBeLessThanOrEqual(MAX_LINE_CHARS + 2);
    // 3,000 deep (6 KB) indents without overflowing the stack, into 18 MB: shown as served instead.
    const indentable = jsonLines(`${'['.repeat(3000)}${']'.repeat(3000)}`);
    expect(indentable.isReformatted).toBe(false);
    expect(indentable.lines).toHaveLength(1);
  });
});
