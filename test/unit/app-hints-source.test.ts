// Every hint in the core that names a command line (`berth login`, `--port`) comes with the app's own words
// beside it: an `appHint` for an error (toInfo() sends it to the app), an `appMessage` for a fix's outcome,
// an `appHint` for daemon.json's Apply. Checked in the source, so a new hint cannot forget it; the few that
// only the command line can raise are listed in CLI_ONLY with why.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const coreDir = path.join(root, 'electron/core');

/** A command line in a hint: `berth login`, `--port`, `--timeout SECONDS`. */
const COMMAND_LINE = /\bberth [a-z]|(^|[\s(`])--[a-z]/;

/** Words for the command line alone: the app never sends what raises them. */
const CLI_ONLY: { file: string; text: string; why: string }[] = [
  {
    file: 'registry/inspect.ts',
    text: '--platform',
    why: 'a platform the index lacks: only `berth inspect --platform` names one (the app opens the platforms the index lists)',
  },
  {
    file: 'copy/plan.ts',
    text: '--platform',
    why: 'platforms of a single-platform image: the copy dialog offers platforms only for an index',
  },
  {
    file: 'docker/push.ts',
    text: '--all-tags',
    why: '`berth push --all-tags` alone pushes every tag: the app pushes the one image chosen',
  },
  {
    file: 'registry/timeouts.ts',
    text: 'berth --timeout',
    why: 'TimeoutError gives the app its own hint, this one with the RAISE advice swapped for RAISE_IN_APP (app-hints.test.ts checks it)',
  },
];

const usedCliOnly = new Set<(typeof CLI_ONLY)[number]>();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The words of an expression: its string and template pieces, and those of a const it names in the file. */
function wordsOf(node: ts.Node, consts: Map<string, ts.Expression>, seen = new Set<string>()): string {
  if (ts.isIdentifier(node)) {
    const value = consts.get(node.text);
    if (!value || seen.has(node.text)) return '';
    return wordsOf(value, consts, new Set([...seen, node.text]));
  }
  let words =
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateHead(node) ||
    ts.isTemplateMiddle(node) ||
    ts.isTemplateTail(node)
      ? node.text
      : '';
  ts.forEachChild(node, (child) => {
    if (!ts.isCallExpression(child)) words += ` ${wordsOf(child, consts, seen)}`;
  });
  return words;
}

const propertyName = (property: ts.ObjectLiteralElementLike) =>
  property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))
    ? property.name.text
    : undefined;

/** Where a hint or a message names a command line with no app's words beside it. */
function commandLinesWithoutAppWords(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const consts = new Map<string, ts.Expression>();
  const collect = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer)
      consts.set(node.name.text, node.initializer);
    ts.forEachChild(node, collect);
  };
  collect(sourceFile);
  const problems: string[] = [];
  const report = (node: ts.Node, what: string, words: string) => {
    const allowed = CLI_ONLY.filter((entry) => entry.file === file && words.includes(entry.text));
    for (const entry of allowed) usedCliOnly.add(entry);
    if (allowed.length) return;
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    problems.push(`${file}:${line}: ${what}: ${words.replace(/\s+/g, ' ').trim().slice(0, 120)}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const names = new Set(node.properties.map(propertyName));
      for (const property of node.properties) {
        const name = propertyName(property);
        if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) continue;
        const value = ts.isPropertyAssignment(property) ? property.initializer : property.name;
        // A diagnosis step's fix (`text`) has no words of the app's own: the CLI adds the command.
        const needs =
          name === 'hint'
            ? 'appHint'
            : name === 'message'
              ? 'appMessage'
              : name === 'text'
                ? 'none'
                : undefined;
        if (!needs || names.has(needs)) continue;
        const words = wordsOf(value, consts);
        if (COMMAND_LINE.test(words))
          report(property, needs === 'none' ? `${name} shown as it is` : `${name} without ${needs}`, words);
      }
    }
    // new ConfigError(message, hint, appHint)
    const errorClass = ts.isNewExpression(node) ? node.expression.getText(sourceFile) : '';
    if (ts.isNewExpression(node) && errorClass === 'ConfigError') {
      const [, hint, appHint] = node.arguments ?? [];
      const words = hint ? wordsOf(hint, consts) : '';
      if (!appHint && COMMAND_LINE.test(words)) report(node, 'ConfigError hint without appHint', words);
    } else if (ts.isNewExpression(node) && /Error$/.test(errorClass)) {
      // A message (or a hint passed in order) of any other error: the app shows the message as it is.
      const args = node.arguments ?? [];
      const hasAppHint = args.some(
        (argument) =>
          ts.isObjectLiteralExpression(argument) &&
          argument.properties.some((property) => propertyName(property) === 'appHint'),
      );
      for (const argument of hasAppHint ? [] : args) {
        if (ts.isObjectLiteralExpression(argument)) continue;
        const words = wordsOf(argument, consts);
        if (COMMAND_LINE.test(words)) report(argument, `${errorClass} text`, words);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return problems;
}

describe('command lines in the core', () => {
  it('come with the app’s own words wherever the app may show them', () => {
    const problems = sourceFiles(coreDir).flatMap((full) =>
      commandLinesWithoutAppWords(
        path.relative(coreDir, full).split(path.sep).join('/'),
        readFileSync(full, 'utf8'),
      ),
    );
    expect(problems).toEqual([]);
    for (const entry of CLI_ONLY)
      expect(usedCliOnly.has(entry), `${entry.file}: ${entry.text} is not needed`).toBe(true);
  });

  it('are found in hints, messages, named constants and ConfigError', () => {
    const sample = [
      "const HINT = 'See berth server list';",
      "throw new BerthError('NOT_FOUND', 'x', { hint: HINT });",
      "throw new BerthError('NOT_FOUND', 'x', { hint: 'Use --port', appHint: 'Pick another port.' });",
      'return { done: false, message: `save it with berth registry add ${name}` };',
      "throw new ConfigError('x', 'Choose one with --engine');",
      "throw new ConfigError('x', 'Choose one with --engine', 'Choose one under Engine.');",
      "return { message: 'dockerd reloaded' };",
      "return { status: 'fail', fix: { text: `Log in again: berth login ${host}`, action: 'login' } };",
    ].join('\n');
    expect(commandLinesWithoutAppWords('sample.ts', sample).map((problem) => problem.split(': ')[1])).toEqual(
      [
        'hint without appHint',
        'message without appMessage',
        'ConfigError hint without appHint',
        'text shown as it is',
      ],
    );
  });
});
