// Installs the Debian packages the tests need when they are missing (CI machines start bare).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PACKAGES = [
  { name: 'chromium', binaries: ['/usr/bin/chromium'] },
  { name: 'prometheus', binaries: ['/usr/bin/prometheus', '/usr/bin/promtool'] },
  { name: 'victoria-metrics', binaries: ['/usr/bin/victoria-metrics'] },
];

export function ensureSystemPackages() {
  const missing = PACKAGES.filter((p) => p.binaries.some((b) => !existsSync(b)));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  console.log(`Installing Debian packages the tests need: ${names.join(', ')}`);
  const run = (args) => {
    const [cmd, ...rest] = [...sudo, ...args];
    const r = spawnSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0)
      throw new Error(
        `${args.join(' ')} failed; install ${names.join(' ')} yourself (apt-get install -y ${names.join(' ')})`,
      );
  };
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...names]);
  // Debian's prometheus and victoria-metrics packages start services; the tests start their own servers.
  for (const service of ['prometheus', 'victoria-metrics']) {
    spawnSync('sh', ['-c', `command -v service >/dev/null && service ${service} stop >/dev/null 2>&1; true`]);
  }
  for (const p of missing)
    for (const b of p.binaries) if (!existsSync(b)) throw new Error(`${b} is still missing after installing ${p.name}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureSystemPackages();
  console.log(execFileSync('/usr/bin/chromium', ['--version']).toString().trim());
}
