import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import layerImports from './build/lint/layer-imports.js';

// Layer boundaries (README, Layout) are build/lint/layer-imports.js, judged on the file an import resolves to.
const noNodeFetch = { name: 'node-fetch', message: 'Use undici.' };

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'renderer/dist/**',
      'test-output/**',
      'release/**',
      'dist-cli/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [noNodeFetch] }],
    },
  },
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs}'],
    plugins: { berth: layerImports },
    rules: { 'berth/layer-imports': 'error' },
  },
  {
    // Rules that need types: each file is checked with the tsconfig that includes it.
    // The build scripts and lint's own rule are JavaScript in no tsconfig: the project service checks
    // them on its default project (allowJs), so a forgotten await in them is found too.
    files: ['**/*.{ts,tsx,mts,cts}', 'build/**/*.mjs', 'lint/**/*.js', 'eslint.config.js'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['build/*.mjs', 'lint/*.js', 'eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
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
    files: ['**/*.mjs', 'build/**/*.js', 'lint/**/*.js'],
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
