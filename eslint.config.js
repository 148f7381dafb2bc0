import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'renderer/dist/**', 'test-output/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'node-fetch', message: 'Use undici.' }] }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'electron/core runs under plain Node; pass Electron things in.' },
          ],
        },
      ],
    },
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
