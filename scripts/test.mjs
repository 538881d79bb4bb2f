// The one test command (README: `npm ci && npm test`): system packages, lint, types, unit and
// integration tests (Vitest, with a real Prometheus), the production build, then Playwright
// in Debian's Chromium. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { ensureSystemPackages } from './system-deps.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TZ: 'UTC' };
// Playwright empties test-results/ when it starts, so the summaries live elsewhere.
rmSync('.test-output', { recursive: true, force: true });
mkdirSync('.test-output', { recursive: true });

function step(title, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  console.log(
    `  ${title}: ${r.status === 0 ? 'ok' : `failed (exit ${r.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return r.status === 0;
}

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
  } catch {
    return null;
  }
}

ensureSystemPackages();
const only = process.argv[2]; // "unit" or "e2e" to run one half while developing, "lint" for lint alone
let ok = true;
if (!only || only === 'unit' || only === 'lint') {
  // Early and cheap: ESLint (any error or warning fails the run), then Prettier on the files formatted so far.
  ok = step('Lint (ESLint)', 'npm', ['run', '--silent', 'lint']) && ok;
  ok = step('Formatting (Prettier)', 'npm', ['run', '--silent', 'format:check']) && ok;
}
if (!only || only === 'unit') {
  ok = step('Type check', 'npx', ['tsc', '--noEmit', '-p', '.']) && ok;
  ok =
    step('Unit and integration tests (Vitest)', 'npx', [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile=.test-output/vitest.json',
    ]) && ok;
}
if (!only || only === 'e2e') {
  const built = step('Production build', 'npx', ['next', 'build', '--turbopack']);
  ok = built && ok;
  if (built) {
    ok =
      step('End-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: '.test-output/playwright.json',
      }) && ok;
  }
}

let passed = 0;
let failed = 0;
const vitest = readJson('.test-output/vitest.json');
if (vitest && (!only || only === 'unit')) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
}
const pw = readJson('.test-output/playwright.json');
if (pw && (!only || only === 'e2e')) {
  passed += pw.stats?.expected ?? 0;
  failed += pw.stats?.unexpected ?? 0;
}
if (!ok && failed === 0) failed = 1; // a failed lint, build or type check counts
console.log(`\nAll tests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
