import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A production server of its own for a spec that needs other configuration than the demo
 * servers of playwright.config.ts (Azure mode, a real Prometheus, sign-in). Its own process
 * group, so stopping it also stops the next-server it forks.
 */
export function startPortal(port: number, env: Record<string, string>): ChildProcess {
  return spawn('npx', ['next', 'start', '-p', String(port)], {
    stdio: 'ignore',
    detached: true,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FLEETWATCH_CACHE_SECONDS: '0', ...env },
  });
}

export async function waitForHealth(base: string, attempts = 120): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${base} did not come up`);
}

export function stopPortal(portal: ChildProcess | undefined): void {
  if (portal?.pid) process.kill(-portal.pid, 'SIGTERM');
}
