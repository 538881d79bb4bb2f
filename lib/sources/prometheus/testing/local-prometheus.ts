import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { supervise, waitUntilReady } from './local-server';
import { getDemoFleet } from '../../../demo/fleet';
import type { DemoFleet } from '../../../demo/fleet-model';
import { telemetryWindow, writeTelemetry, type TelemetryStats } from '../../../demo/telemetry';

/**
 * A real Prometheus (the Debian package's /usr/bin/prometheus) over a TSDB backfilled from
 * the demo telemetry, on a random loopback port. Used by the agreement tests and by
 * `npm run demo:prometheus`.
 */

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const PROMTOOL_BIN = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';

export interface BackfillOptions {
  dir: string;
  seed: string;
  clusters: number;
  hours: number;
  step: number;
  /** Unix seconds the samples end at (on the step grid after rounding down). */
  end: number;
  /** The clusters to export instead of the first `clusters` of the seed's fleet. */
  fleet?: DemoFleet;
}

export interface BackfillResult extends TelemetryStats {
  dataDir: string;
  start: number;
  end: number;
}

/** Exports the demo fleet as OpenMetrics and turns it into TSDB blocks with promtool. */
export async function backfillDemoTelemetry(options: BackfillOptions): Promise<BackfillResult> {
  await mkdir(options.dir, { recursive: true });
  const file = path.join(options.dir, 'demo.om');
  const dataDir = path.join(options.dir, 'data');
  const window = telemetryWindow(options.end, options.hours, options.step);
  const stream = createWriteStream(file);
  const stats = await writeTelemetry(
    options.fleet ?? getDemoFleet(options.seed, options.clusters),
    { ...window, step: options.step },
    {
      write: (chunk) =>
        stream.write(chunk) ? undefined : new Promise<void>((resolve) => stream.once('drain', () => resolve())),
    },
  );
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  const r = spawnSync(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', file, dataDir], { encoding: 'utf8' });
  await unlink(file);
  if (r.status !== 0)
    throw new Error(
      `promtool create-blocks-from openmetrics failed (${r.status}): ${(r.stderr || r.stdout || String(r.error)).slice(0, 2000)}`,
    );
  return { ...stats, dataDir, ...window };
}

/** A free loopback port, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface LocalPrometheus {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
  /** What Prometheus logged, for failure messages. */
  log(): string;
}

/**
 * Without a scrape target the TSDB holds only the backfilled blocks. Rules evaluate every 5 s
 * so pending alerts show up quickly in /api/v1/alerts.
 */
export function prometheusConfig(
  ruleFiles: readonly string[],
  scrape?: { target: string; intervalSeconds: number },
): string {
  return [
    'global:',
    '  evaluation_interval: 5s',
    'rule_files:',
    ...ruleFiles.map((f) => `  - ${JSON.stringify(path.resolve(f))}`),
    ...(scrape
      ? [
          'scrape_configs:',
          '  - job_name: fleetwatch-demo',
          `    scrape_interval: ${scrape.intervalSeconds}s`,
          `    scrape_timeout: ${scrape.intervalSeconds}s`,
          '    honor_labels: true',
          '    honor_timestamps: true',
          '    static_configs:',
          `      - targets: [${JSON.stringify(scrape.target)}]`,
          // A series the target wrote without job or instance must stay the series the backfill
          // holds: the labels Prometheus attached for the target are removed again.
          '    metric_relabel_configs:',
          '      - source_labels: [job]',
          '        regex: fleetwatch-demo',
          '        target_label: job',
          "        replacement: ''",
          '      - source_labels: [instance]',
          `        regex: ${JSON.stringify(scrape.target)}`,
          '        target_label: instance',
          "        replacement: ''",
        ]
      : ['scrape_configs: []']),
    '',
  ].join('\n');
}

export async function startPrometheus(options: {
  dir: string;
  dataDir: string;
  ruleFiles?: readonly string[];
  port?: number;
  readyTimeoutMs?: number;
  /**
   * A target to scrape (host:port serving /metrics), every `intervalSeconds`, with
   * `honor_labels` so the `cluster` label the target writes survives, and its timestamps kept.
   */
  scrape?: { target: string; intervalSeconds: number };
}): Promise<LocalPrometheus> {
  const port = options.port ?? (await freePort());
  const configFile = path.join(options.dir, 'prometheus.yml');
  const config = prometheusConfig(options.ruleFiles ?? [], options.scrape);
  await writeFile(configFile, config);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${options.dataDir}`,
      // Backfilled blocks must not be deleted as too old.
      '--storage.tsdb.retention.time=36500d',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const server = supervise(child);
  await waitUntilReady('prometheus', child, server, `${url}/-/ready`, options.readyTimeoutMs);
  return { url, process: child, stop: server.stop, log: server.log };
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
