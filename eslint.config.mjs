// ESLint (flat config): `npm run lint`, an early stage of `npm test`. Untyped typescript-eslint
// rules, so a run stays a few seconds on a 2-core machine; `tsc --noEmit` is the type check.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The design's one direction (DESIGN.md, "The flow of data"): components render what pages hand
 * them, so nothing under components/ imports the server layer (request access, loaders) or the
 * backends: "components never fetch". Matched on the specifier as written, `@/` or relative.
 * lib/layering.test.ts lints sample files to prove each way of naming a module is caught.
 */
export const FORBIDDEN_IN_COMPONENTS = '^(?:@/|(?:\\.{1,2}/)+)lib/(?:server|sources)(?:/|$)';
// esquery ends a regex at its first "/", so selectors spell the slash as \x2F.
const FORBIDDEN_SELECTOR = FORBIDDEN_IN_COMPONENTS.replaceAll('/', '\\x2F');
const LAYERING_MESSAGE =
  'components never fetch: render what the page hands you; lib/server and lib/sources are for app/ and lib/ only (DESIGN.md, "The flow of data").';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.next/',
      'next-env.d.ts',
      'test-results/',
      'playwright-report/',
      '.test-output/',
      'public/',
      'tmp/',
    ],
  },
  {
    // A directive that no longer disables anything is an error, so exemptions only shrink.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['next.config.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    rules: {
      // `_name` marks a parameter or binding kept on purpose (a signature, a destructured rest).
      // Every control-character class here is deliberate: untrusted names, labels and log lines are checked or stripped of them.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks, '@next/next': nextPlugin, 'jsx-a11y': jsxA11y },
    settings: { react: { version: 'detect' } },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs['recommended-latest'].rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // Says that React Compiler would skip a component (TanStack Virtual's useVirtualizer); this build does not run the compiler.
      'react-hooks/incompatible-library': 'off',
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Lists of untrusted names re-render and re-sort: a key is the row's identity, never its index.
      'react/jsx-key': ['error', { checkFragmentShorthand: true, warnOnDuplicates: true }],
      'react/no-array-index-key': 'error',
    },
  },
  {
    files: ['components/**/*.{ts,tsx,js,mjs}'],
    ignores: ['components/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: FORBIDDEN_IN_COMPONENTS, message: LAYERING_MESSAGE }] }],
      'no-restricted-syntax': [
        'error',
        { selector: `ImportExpression[source.value=/${FORBIDDEN_SELECTOR}/]`, message: LAYERING_MESSAGE },
        {
          selector: `CallExpression[callee.name='require'][arguments.0.value=/${FORBIDDEN_SELECTOR}/]`,
          message: LAYERING_MESSAGE,
        },
      ],
    },
  },
);
