// berth/layer-imports: the layers of the README's Layout, checked on where an import leads, not on how it
// is spelled. Each module specifier (import, export … from, import(), require(), import('…').Type) is
// resolved against the importing file, so `./../registry/x.js`, `../../core/registry/x.js` and
// `../shared/../electron/x.js` are judged by the file they name, as `../registry/x.js` would be.
// Pinned by test/unit/lint-rules.test.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// fileURLToPath, not URL.pathname: a checkout under a folder with a space (`%20`) or on Windows would
// otherwise put every file outside the root, and the rule would check nothing.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const messages = {
  coreUpwards:
    'electron/core is imported by the front doors (app, host, cli), never the other way round; it imports core and shared/ only.',
  besideIndexFromFolder:
    "Import another core folder through its index.ts (export what you need there), or core's errors.ts.",
  besideIndexFromRoot: 'Import a core folder through its index.ts.',
  besideIndexFromFrontDoor:
    'Import core through its folders’ index.ts (or core/services.ts, core/errors.ts).',
  electronInCore: 'electron/core runs under plain Node; pass Electron things in.',
  rendererElectron:
    'The renderer imports renderer/ and shared/ only; behaviour is reached through the contract (renderer/api.ts).',
  electronInRenderer: 'The renderer reaches the app only through window.berth.',
  sharedOutside: 'shared/ is used on both sides of IPC: it imports only shared/ and zod.',
};

/** Where a repository path stands: `{ layer, folder }` (folder: a core folder's name). */
function placeOf(relative) {
  const parts = relative.split('/');
  if (parts[0] === 'electron' && parts[1] === 'core')
    return parts.length > 3 ? { layer: 'core', folder: parts[2] } : { layer: 'core' };
  if (parts[0] === 'electron' && ['app', 'host', 'cli'].includes(parts[1])) return { layer: 'front-door' };
  if (parts[0] === 'electron') return { layer: 'electron' };
  if (parts[0] === 'renderer') return { layer: 'renderer' };
  if (parts[0] === 'shared') return { layer: 'shared' };
  return { layer: 'other' };
}

/** A core folder's file other than its index.ts, named as `electron/core/<folder>/…`. */
function isBesideIndex(relative) {
  const parts = relative.split('/');
  return parts.length > 3 && !(parts.length === 4 && parts[3] === 'index.js');
}

function isElectronPackage(specifier) {
  return specifier === 'electron' || specifier.startsWith('electron/');
}

/** The message id for `specifier` imported from `from` (a repository path), or undefined when it may. */
function problemWith(from, specifier, filename) {
  const source = placeOf(from);
  // `electron/core/…` or `shared/…` written bare names the repository's folder (as a baseUrl would),
  // not a package: judged like the relative path it stands for.
  const isRepositoryPath = /^(?:electron\/(?:core|app|host|cli)|shared|renderer)\//.test(specifier);
  const isRelative = specifier.startsWith('.') || specifier.startsWith('/') || isRepositoryPath;
  if (!isRelative) {
    if (source.layer === 'core' && isElectronPackage(specifier)) return 'electronInCore';
    if (source.layer === 'renderer' && isElectronPackage(specifier)) return 'electronInRenderer';
    if (source.layer === 'shared' && specifier !== 'zod' && !specifier.startsWith('zod/'))
      return 'sharedOutside';
    return undefined;
  }
  const target = path
    .relative(root, path.resolve(isRepositoryPath ? root : path.dirname(filename), specifier))
    .split(path.sep)
    .join('/');
  const place = placeOf(target);
  const outside = target.startsWith('../') || path.isAbsolute(target);
  switch (source.layer) {
    case 'core':
      if (outside || !['core', 'shared'].includes(place.layer)) return 'coreUpwards';
      if (place.layer === 'core' && place.folder !== source.folder && isBesideIndex(target))
        return source.folder ? 'besideIndexFromFolder' : 'besideIndexFromRoot';
      return undefined;
    case 'front-door':
      return place.layer === 'core' && isBesideIndex(target) ? 'besideIndexFromFrontDoor' : undefined;
    case 'renderer':
      // Not electron/, and not by way of test/ or build/ either: what it imports runs in the page.
      return outside || !['renderer', 'shared'].includes(place.layer) ? 'rendererElectron' : undefined;
    case 'shared':
      return outside || place.layer !== 'shared' ? 'sharedOutside' : undefined;
    default:
      return undefined;
  }
}

/** @type {import('eslint').Rule.RuleModule} */
const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Hold the layers of the README: judged by the file an import resolves to.' },
    messages,
    schema: [],
  },
  create(context) {
    const filename = context.filename;
    const from = path.relative(root, filename).split(path.sep).join('/');
    if (from.startsWith('../')) return {};
    const check = (node) => {
      const specifier =
        node?.type === 'Literal' && typeof node.value === 'string'
          ? node.value
          : node?.type === 'TemplateLiteral' && node.expressions.length === 0
            ? node.quasis[0].value.cooked
            : undefined;
      if (specifier === undefined) return;
      const messageId = problemWith(from, specifier, filename);
      if (messageId) context.report({ node, messageId });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) =>
        check(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
      TSExternalModuleReference: (node) => check(node.expression),
      'CallExpression[callee.type="Identifier"][callee.name="require"]': (node) => check(node.arguments[0]),
    };
  },
};

export default { rules: { 'layer-imports': layerImports } };
