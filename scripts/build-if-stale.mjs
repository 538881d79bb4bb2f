// Builds the production bundle when any source is newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCES = [
  'app',
  'components',
  'lib',
  'public',
  'package-lock.json',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const st = statSync(entry);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(entry).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), st.mtimeMs);
}

export function buildIfStale(env) {
  const buildId = '.next/BUILD_ID';
  const stale = !existsSync(buildId) || Math.max(...SOURCES.map(newestMtime)) > statSync(buildId).mtimeMs;
  if (!stale) return;
  // Next's own build output follows (stdio inherited), so a first run is visibly working.
  console.log(
    existsSync(buildId)
      ? 'Building the portal (sources changed since the last build, about 1–2 minutes)…'
      : 'Building the portal (first run, about 1–2 minutes)…',
  );
  const r = spawnSync('npx', ['next', 'build', '--turbopack'], { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
