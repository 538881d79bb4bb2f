import type { ChildProcess } from 'node:child_process';

/**
 * A local engine process (Prometheus, VictoriaMetrics) the tests start: its last output for
 * error messages, a stop that escalates to SIGKILL, and a wait until its health URL answers.
 */
export interface SupervisedServer {
  log: () => string;
  stop: () => Promise<void>;
}

export function supervise(child: ChildProcess): SupervisedServer {
  let output = '';
  const keep = (d: Buffer): void => {
    output = (output + d.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    log: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killed = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
      ]);
      if (!killed) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Polls `healthUrl` until it answers 2xx; stops the process and throws on exit or timeout. */
export async function waitUntilReady(
  name: string,
  child: ChildProcess,
  server: SupervisedServer,
  healthUrl: string,
  timeoutMs = 30_000,
  pollMs = 200,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${server.log().slice(-2000)}`);
    try {
      const r = await fetch(healthUrl, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  await server.stop();
  throw new Error(`${name} was not ready within ${timeoutMs} ms: ${server.log().slice(-2000)}`);
}
