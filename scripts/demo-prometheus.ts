// Runs the portal against a real Prometheus that holds the demo fleet's telemetry:
// exports the demo fleet (OpenMetrics), backfills it with promtool, starts
// /usr/bin/prometheus on 127.0.0.1:<port> with the kubernetes-mixin and Azure recommended
// alert rules, then serves the portal (`npm run demo`) with PROMETHEUS_URL pointing at it.
// Usage: npm run demo:prometheus -- [--clusters 9] [--hours 2] [--ahead 2] [--port 9090] [--no-portal]
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_SCRAPE_INTERVAL } from '../lib/demo/signals';
import { backfillDemoTelemetry, removeDir, startPrometheus } from '../lib/sources/prometheus/testing/local-prometheus';

function fail(message: string): never {
  console.error(`demo:prometheus: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '9' },
    hours: { type: 'string', default: '2' },
    ahead: { type: 'string', default: '2' },
    port: { type: 'string', default: '9090' },
    seed: { type: 'string' },
    'no-portal': { type: 'boolean', default: false },
  },
  strict: true,
});

const clusters = Number(values.clusters);
const hours = Number(values.hours);
const ahead = Number(values.ahead);
const port = Number(values.port);
if (!Number.isInteger(clusters) || clusters < 1) fail('--clusters must be a positive whole number');
// The fleet queries look back an hour (restarts) and five minutes (rates).
if (!(hours >= 1.5)) fail('--hours must be at least 1.5');
if (!(ahead >= 0)) fail('--ahead must be zero or more');
if (!Number.isInteger(port) || port < 1 || port > 65535) fail('--port must be a TCP port');
const seed = values.seed ?? process.env.FLEETWATCH_DEMO_SEED ?? 'fleetwatch';

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fleetwatch-demo-prom-'));
  const now = Math.floor(Date.now() / 1000);
  // Samples run `ahead` hours into the future so "now" keeps finding fresh samples while the demo runs.
  const started = Date.now();
  const backfill = await backfillDemoTelemetry({
    dir,
    seed,
    clusters,
    hours: hours + ahead,
    step: DEMO_SCRAPE_INTERVAL,
    end: now + Math.round(ahead * 3600),
  });
  console.log(
    `demo:prometheus: ${backfill.clusters} clusters · ${backfill.series.toLocaleString('en')} series · ${backfill.samples.toLocaleString('en')} samples ` +
      `until ${new Date(backfill.end * 1000).toISOString()} · backfilled in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const rules = ['kubernetes-mixin.rules.yaml', 'azure-recommended-alerts.rules.yaml'].map((f) =>
    path.join(__dirname, '..', 'lib', 'sources', 'prometheus', 'testdata', f),
  );
  const prometheus = await startPrometheus({ dir, dataDir: backfill.dataDir, ruleFiles: rules, port });
  console.log(`demo:prometheus: Prometheus ready at ${prometheus.url} (data in ${dir})`);

  const portal = values['no-portal']
    ? null
    : spawn('npm', ['run', 'demo'], {
        stdio: 'inherit',
        env: {
          ...process.env,
          PROMETHEUS_URL: prometheus.url,
          FLEETWATCH_DEMO_SCRAPE_INTERVAL: String(DEMO_SCRAPE_INTERVAL),
          NEXT_TELEMETRY_DISABLED: '1',
        },
      });
  if (!portal) console.log(`demo:prometheus: start the portal with PROMETHEUS_URL=${prometheus.url} npm run demo`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    portal?.kill('SIGTERM');
    await prometheus.stop();
    await removeDir(dir);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  portal?.on('exit', () => void stop());
  prometheus.process.on('exit', (code) => {
    if (!stopping) {
      console.error(`demo:prometheus: Prometheus exited (${code}): ${prometheus.log().slice(-1000)}`);
      void stop();
    }
  });
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
