import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from './local-prometheus';
import { supervise, waitUntilReady } from './local-server';

/**
 * A real single-node VictoriaMetrics (the Debian package's /usr/bin/victoria-metrics) on a
 * random loopback port, with its storage in a directory the caller owns. Samples arrive through
 * /api/v1/import/prometheus (exposition text, millisecond timestamps); flush() makes them
 * searchable at once.
 */

export const VICTORIA_METRICS_BIN = process.env.VICTORIA_METRICS_BIN ?? '/usr/bin/victoria-metrics';

export interface LocalVictoriaMetrics {
  url: string;
  process: ChildProcess;
  /** POSTs one chunk of Prometheus exposition text (timestamps in milliseconds). */
  importPrometheus(text: string): Promise<void>;
  /** Writes buffered samples to searchable parts (/internal/force_flush). */
  flush(): Promise<void>;
  stop(): Promise<void>;
  log(): string;
}

export async function startVictoriaMetrics(options: {
  dir: string;
  port?: number;
  readyTimeoutMs?: number;
}): Promise<LocalVictoriaMetrics> {
  const port = options.port ?? (await freePort());
  const dataDir = path.join(options.dir, 'vm-data');
  await mkdir(dataDir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    VICTORIA_METRICS_BIN,
    [
      `-storageDataPath=${dataDir}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      // Backfilled samples must not fall outside retention.
      '-retentionPeriod=100y',
      // Samples up to "now" are visible at once, and no answer comes from a cache filled before the import.
      '-search.latencyOffset=0s',
      '-search.disableCache',
      '-loggerLevel=ERROR',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const server = supervise(child);
  const post = async (p: string, body?: string): Promise<void> => {
    const r = await fetch(`${url}${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      body,
      headers: body === undefined ? undefined : { 'content-type': 'text/plain' },
    });
    if (!r.ok) throw new Error(`victoria-metrics ${p} answered ${r.status}: ${(await r.text()).slice(0, 500)}`);
    await r.arrayBuffer();
  };
  await waitUntilReady('victoria-metrics', child, server, `${url}/health`, options.readyTimeoutMs, 100);
  return {
    url,
    process: child,
    importPrometheus: (text) => post('/api/v1/import/prometheus', text),
    flush: () => post('/internal/force_flush'),
    stop: server.stop,
    log: server.log,
  };
}
