// The words the app shows are written for people: no raw error codes, no command lines, no HTTP status
// numbers and no registry API terms ("blob", "manifest") where a person means a layer or an image. This walks
// every text in the renderer's source — JSX text and every string or template piece with a space in it (the
// sentences, labels, titles and notes; a class name or a code compared with never matches) — and checks it
// against the patterns below. What may stay is listed in ALLOWED, each with why.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rendererDir = path.join(root, 'renderer');

const FORBIDDEN: { name: string; pattern: RegExp }[] = [
  {
    name: 'a raw error code (NAME_UNKNOWN, INVALID_INPUT)',
    pattern: /\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b/,
  },
  {
    name: 'a system error code (ECONNREFUSED)',
    pattern: /\bE(CONN[A-Z]+|NOENT|NOTFOUND|ACCES|PERM|TIMEDOUT)\b/,
  },
  { name: 'a command line flag (--port)', pattern: /(^|[\s(`'"“])--[a-z]/ },
  { name: 'a berth command (berth login)', pattern: /\bberth [a-z]/ },
  { name: 'an HTTP status (HTTP 405)', pattern: /\bHTTP \d{3}\b/ },
  { name: 'the registry API word "blob"', pattern: /\bblobs?\b/i },
  { name: 'the registry API word "manifest"', pattern: /\bmanifests?\b/i },
];

/**
 * Texts that match a pattern and are right as they are: `file` (under renderer/) and the exact text, or a
 * part of it. Each says why; an entry that no text needs any more fails the test, so the list stays short.
 */
const ALLOWED: { file: string; text: string; why: string }[] = [
  {
    file: 'features/local-images/messages.ts',
    text: '`systemctl --user start podman.socket`',
    why: 'the command that starts Podman’s socket, in the core’s hint for an engine that is not running (shown as code)',
  },
  {
    file: 'features/local-images/messages.ts',
    text: 'DOCKER_',
    why: 'DOCKER_HOST and DOCKER_CONTEXT, the environment variables that point Docker at an engine, named as users set them (why Berth uses that address)',
  },
  {
    file: 'features/local-images/engine-state.ts',
    text: ' is set',
    why: 'the core’s reasons “DOCKER_HOST is set” and “DOCKER_CONTEXT is set”, compared to say them in the interface language',
  },
  {
    file: 'features/doctor/diagnose-panel.tsx',
    text: 'berth login ',
    why: 'a command to copy for a terminal ("Copy the login command"), offered beside the Log in… button for a host that is not saved',
  },
  {
    file: 'features/daemon/messages.ts',
    text: 'CONTAINERS_REGISTRIES_CONF',
    why: 'the environment variable that names the registries.conf Podman reads: why the page shows that file',
  },
  {
    file: 'features/daemon/messages.ts',
    text: 'BERTH_DAEMON_CONFIG',
    why: 'the environment variable that names the daemon.json Berth edits: why the page shows that file',
  },
  {
    file: 'features/daemon/messages.ts',
    text: '$XDG_CONFIG_HOME',
    why: 'part of the path rootless dockerd reads its daemon.json from, as its documentation writes it',
  },
  {
    file: 'lib/format.ts',
    text: ' --tls-verify=false',
    why: 'part of the podman pull command line the image view offers to copy for a plain-HTTP registry',
  },
  {
    file: 'features/explorer/messages.ts',
    text: 'OCI image manifest',
    why: 'a media type, named as its specification names it (the Media type fact)',
  },
  {
    file: 'features/explorer/messages.ts',
    text: 'Docker manifest list',
    why: 'a media type, named as Docker names it',
  },
  {
    file: 'features/explorer/messages.ts',
    text: 'Docker manifest v2',
    why: 'a media type, named as Docker names it',
  },
  {
    file: 'features/explorer/messages.ts',
    text: 'Raw manifest',
    why: 'the tab shows the manifest document itself, as JSON',
  },
  {
    file: 'features/explorer/messages.ts',
    text: 'Copy raw manifest',
    why: 'copies the manifest document itself, as served (the Raw manifest tab’s copy button)',
  },
  {
    file: 'features/explorer/messages.ts',
    text: 'as the manifest declares them',
    why: 'the size rule’s definition (shared/image-size.ts): the sizes are what the manifest document declares, and it is not counted',
  },
  {
    file: 'features/explorer/messages.ts',
    text: 'shows the manifest digest instead',
    why: 'the image ID’s definition: Docker’s containerd store really shows the manifest digest there',
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

interface Text {
  file: string;
  line: number;
  text: string;
}

/** Attributes nobody reads: their words are names for the code and the style sheet. */
const NOT_SHOWN = new Set(['className', 'id', 'key', 'htmlFor', 'role', 'type', 'name', 'autoComplete']);

/** A single word JSX shows as it is: `{count === 1 ? 'blob' : 'blobs'}` (not a call's argument inside it). */
function isShownInJsx(node: ts.Node): boolean {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isJsxExpression(parent))
      return !ts.isJsxAttribute(parent.parent) || !NOT_SHOWN.has(parent.parent.name.getText());
    const isBranch =
      ts.isParenthesizedExpression(parent) ||
      (ts.isConditionalExpression(parent) && child !== parent.condition) ||
      (ts.isBinaryExpression(parent) &&
        child === parent.right &&
        [
          ts.SyntaxKind.AmpersandAmpersandToken,
          ts.SyntaxKind.BarBarToken,
          ts.SyntaxKind.QuestionQuestionToken,
        ].includes(parent.operatorToken.kind));
    if (!isBranch) return false;
  }
  return false;
}

/** Every text a person may read in one file: JSX text, and string and template pieces holding a space. */
function textsOf(file: string, source: string): Text[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const texts: Text[] = [];
  const visit = (node: ts.Node) => {
    let text: string | undefined;
    if (ts.isJsxText(node)) text = node.text.replace(/\s+/g, ' ').trim();
    else if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node))
      return;
    else if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    )
      text = /\s/.test(node.text) || isShownInJsx(node) ? node.text : undefined;
    if (text) {
      const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
      texts.push({ file, line, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return texts;
}

/** The texts that break a rule, with the rule, and the allow-list entries that were used. */
function findProblems(texts: Text[]) {
  const problems: string[] = [];
  const used = new Set<number>();
  for (const { file, line, text } of texts)
    for (const { name, pattern } of FORBIDDEN) {
      if (!pattern.test(text)) continue;
      const allowed = ALLOWED.flatMap((entry, index) =>
        entry.file === file && text.includes(entry.text) ? [index] : [],
      );
      for (const index of allowed) used.add(index);
      if (!allowed.length) problems.push(`${file}:${line}: ${name}: ${JSON.stringify(text)}`);
    }
  return { problems, used };
}

describe("the renderer's words", () => {
  const texts = sourceFiles(rendererDir).flatMap((full) =>
    textsOf(path.relative(rendererDir, full).split(path.sep).join('/'), readFileSync(full, 'utf8')),
  );

  it('hold no raw codes, command lines, HTTP statuses or API terms', () => {
    expect(findProblems(texts).problems).toEqual([]);
  });

  it('need every entry of the allow-list, each with a reason', () => {
    const { used } = findProblems(texts);
    for (const [index, entry] of ALLOWED.entries()) {
      expect(entry.why.length, entry.text).toBeGreaterThan(20);
      expect(used.has(index), `${entry.file}: "${entry.text}" is allowed but no text needs it`).toBe(true);
    }
  });

  it('are found where a person reads them, and the rules catch what they are for', () => {
    const sample = [
      'export const A = <p title="Delete the blob">Run berth login lab, then --port 5001 (HTTP 405)</p>;',
      'const b = { message: `NAME_UNKNOWN at ${host}: ECONNREFUSED` };',
      "import x from './not a text';",
      "if (error.code === 'NOT_FOUND') ok();",
      "export const C = <b className={big ? 'manifest-row' : 'row'}>{n === 1 ? 'blob' : 'layers'}</b>;",
    ].join('\n');
    const { problems } = findProblems(textsOf('sample.tsx', sample));
    const broken = (rule: string) => problems.filter((problem) => problem.includes(rule)).length;
    expect(broken('"blob"')).toBe(2);
    expect(broken('berth command')).toBe(1);
    expect(broken('flag')).toBe(1);
    expect(broken('HTTP status')).toBe(1);
    expect(broken('raw error code')).toBe(1);
    expect(broken('system error code')).toBe(1);
    expect(problems.join('\n')).not.toMatch(/not a text|NOT_FOUND'|manifest-row/);
  });
});
