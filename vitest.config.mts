import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside a React Server bundle; unit tests run plain Node.
      'server-only': path.join(root, 'lib/testing/server-only-stub.ts'),
    },
  },
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Component state tests: React renders into jsdom, Testing Library reads the DOM by role and text.
        extends: true,
        // The PromQL extension's `main` is CommonJS; its ESM build shares @codemirror/state with the editor.
        resolve: {
          alias: {
            '@prometheus-io/codemirror-promql': path.join(
              root,
              'node_modules/@prometheus-io/codemirror-promql/dist/esm/index.js',
            ),
          },
        },
        test: {
          name: 'dom',
          include: ['components/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['lib/testing/dom/setup.ts'],
        },
      },
    ],
  },
});
