import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Layer boundaries (README, Layout). Specifiers are relative, so each pattern matches the path as written.
const noNodeFetch = { name: 'node-fetch', message: 'Use undici.' };
const noElectronInCore = {
  name: 'electron',
  message: 'electron/core runs under plain Node; pass Electron things in.',
};
/** From a core folder: another folder's files (`../registry/tls.js`) instead of its index.ts. */
const besideIndexFromFolder = {
  regex: String.raw`^\.\./[a-z-]+/(?!index\.js$)`,
  message:
    "Import another core folder through its index.ts (export what you need there), or core's errors.ts.",
};
/** From a file at core's root (services.ts): a folder's files instead of its index.ts. */
const besideIndexFromRoot = {
  regex: String.raw`^\./[a-z-]+/(?!index\.js$)`,
  message: 'Import a core folder through its index.ts.',
};
const coreUpwards = {
  regex: String.raw`^(\.\./)+(app|host|cli|renderer)(/|$)`,
  message: 'electron/core is imported by the front doors (app, host, cli), never the other way round.',
};
/** From electron/cli, host or app: a core folder's files instead of its index.ts. */
const besideIndexFromFrontDoor = {
  regex: String.raw`^(\.\./)+core/[a-z-]+/(?!index\.js$)`,
  message: 'Import core through its folders’ index.ts (or core/services.ts, core/errors.ts).',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'renderer/dist/**', 'test-output/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [noNodeFetch] }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noNodeFetch, noElectronInCore],
          patterns: [coreUpwards, besideIndexFromFolder],
        },
      ],
    },
  },
  {
    files: ['electron/core/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noNodeFetch, noElectronInCore], patterns: [coreUpwards, besideIndexFromRoot] },
      ],
    },
  },
  {
    files: ['electron/cli/**/*.ts', 'electron/host/**/*.ts', 'electron/app/**/*.{ts,cts}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noNodeFetch], patterns: [besideIndexFromFrontDoor] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noNodeFetch,
            { name: 'electron', message: 'The renderer reaches the app only through window.berth.' },
          ],
          patterns: [
            {
              regex: String.raw`^(\.\./)+electron(/|$)`,
              message:
                'The renderer imports shared/ only; behaviour is reached through the contract (renderer/api.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noNodeFetch],
          patterns: [
            {
              regex: String.raw`^(\.\./)+(electron|renderer|test|build)(/|$)`,
              message: 'shared/ is used on both sides of IPC: it imports only shared/ and zod.',
            },
            {
              regex: String.raw`^(?![./]|zod(/|$))`,
              message: 'shared/ is used on both sides of IPC: it imports only shared/ and zod.',
            },
          ],
        },
      ],
    },
  },
  {
    // Rules that need types: each file is checked with the tsconfig that includes it.
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // A `default:` does not excuse a switch over a union from naming every member.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false },
      ],
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  { files: ['renderer/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  {
    // The rules of hooks are errors: a wrong dependency list is a bug, not a style.
    files: ['renderer/**/*.{ts,tsx}'],
    // incompatible-library warns in the preset; an error makes a new non-memoizable API argue for itself.
    rules: { 'react-hooks/exhaustive-deps': 'error', 'react-hooks/incompatible-library': 'error' },
  },
  {
    // expect.poll gives up after 1 s unless told: far too soon on a loaded 2-core machine (issue 15, item 18).
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='poll'][callee.object.name='expect'][arguments.length<2]",
          message: 'Give expect.poll an explicit deadline: expect.poll(fn, { timeout: … }).',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', 'build/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // Core names where an image is with one value (shared/location.ts), never a positional pair
    // (issue 16). Pinned by test/unit/lint-location-rule.test.ts.
    name: 'berth/location-parameters',
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            ":matches(:function, TSDeclareFunction, TSEmptyBodyFunctionExpression, TSMethodSignature, TSFunctionType, TSCallSignatureDeclaration, TSConstructSignatureDeclaration) > Identifier[name=/^(host|registry)$/] + Identifier[name='repository']",
          message:
            'Pass a RepositoryLocation (or an ImageLocation when a tag or digest belongs to it) from shared/location.ts, not (host, repository) positionally.',
        },
      ],
    },
  },
);
