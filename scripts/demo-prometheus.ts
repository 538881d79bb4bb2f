// Runs the portal against a real Prometheus that holds the demo fleet's telemetry:
// exports the demo fleet's history until now (OpenMetrics), backfills it with promtool, serves
// the fleet's telemetry "now" on a local scrape endpoint, starts /usr/bin/prometheus on
// 127.0.0.1:<prom-port> scraping it, with the kubernetes-mixin and Azure recommended alert rules
// (every `for` capped at 1 minute), then serves the portal (`npm run demo`) on
// 127.0.0.1:<portal-port> with PROMETHEUS_URL pointing at it.
// Usage: npm run demo:prometheus -- [--clusters 9] [--hours 2] [--prom-port 9090] [--portal-port 3000] [--no-portal]
// (--port is the old name of --prom-port.)
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_SCRAPE_INTERVAL } from '../lib/demo/signals';
import {
  backfillEnd,
  DEMO_RULE_FOR_SECONDS,
  fleetWithScrapedClusters,
  startDemoScrapeServer,
  writeDemoRules,
} from '../lib/sources/prometheus/testing/demo-scrape';
import { backfillDemoTelemetry, removeDir, startPrometheus } from '../lib/sources/prometheus/testing/local-prometheus';

function fail(message: string): never {
  console.error(`demo:prometheus: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '9' },
    hours: { type: 'string', default: '2' },
    'prom-port': { type: 'string' },
    port: { type: 'string' },
    'portal-port': { type: 'string' },
    /** Gone: the history ends now and Prometheus scrapes the rest live. */
    ahead: { type: 'string' },
    seed: { type: 'string' },
    'no-portal': { type: 'boolean', default: false },
  },
  strict: true,
});

function tcpPort(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) fail(`--${name} must be a TCP port`);
  return n;
}

if (values.port !== undefined && values['prom-port'] !== undefined && values.port !== values['prom-port'])
  fail('--port is another name for --prom-port: give one of them');
const clusters = Number(values.clusters);
const hours = Number(values.hours);
const promPort = tcpPort(values['prom-port'] ? 'prom-port' : 'port', values['prom-port'] ?? values.port ?? '9090');
const portalPort = tcpPort('portal-port', values['portal-port'] ?? process.env.PORT ?? '3000');
if (!Number.isInteger(clusters) || clusters < 1) fail('--clusters must be a positive whole number');
// The fleet queries look back an hour (restarts) and five minutes (rates).
if (!(hours >= 1.5)) fail('--hours must be at least 1.5');
if (values.ahead !== undefined)
  console.warn('demo:prometheus: --ahead is no longer needed (Prometheus scrapes the demo live) and is ignored');
const seed = values.seed ?? process.env.FLEETWATCH_DEMO_SEED ?? 'fleetwatch';

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fleetwatch-demo-prom-'));
  const fleet = fleetWithScrapedClusters(seed, clusters);
  const started = Date.now();
  // History ends before now; from now on Prometheus scrapes the fleet's samples live.
  const backfill = await backfillDemoTelemetry({
    dir,
    seed,
    clusters: fleet.clusters.length,
    hours,
    step: DEMO_SCRAPE_INTERVAL,
    end: backfillEnd(Math.floor(Date.now() / 1000), DEMO_SCRAPE_INTERVAL),
  });
  console.log(
    `demo:prometheus: ${backfill.clusters} clusters · ${backfill.series.toLocaleString('en')} series · ${backfill.samples.toLocaleString('en')} samples ` +
      `until ${new Date(backfill.end * 1000).toISOString()} · backfilled in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const rules = await writeDemoRules(dir);
  const scrape = await startDemoScrapeServer({ fleet });
  const prometheus = await startPrometheus({
    dir,
    dataDir: backfill.dataDir,
    ruleFiles: rules,
    port: promPort,
    scrape: { target: scrape.target, intervalSeconds: DEMO_SCRAPE_INTERVAL },
  });
  console.log(
    `demo:prometheus: Prometheus ready at ${prometheus.url}, scraping ${scrape.url} every ${DEMO_SCRAPE_INTERVAL} s ` +
      `(rules' for capped at ${DEMO_RULE_FOR_SECONDS} s; data in ${dir})`,
  );

  const portal = values['no-portal']
    ? null
    : spawn('npm', ['run', 'demo'], {
        stdio: 'inherit',
        // Its own process group: npm, npx and sh do not pass a SIGTERM on to next-server, the group gets it.
        detached: true,
        env: {
          ...process.env,
          PROMETHEUS_URL: prometheus.url,
          PORT: String(portalPort),
          HOSTNAME: '127.0.0.1',
          FLEETWATCH_DEMO_SCRAPE_INTERVAL: String(DEMO_SCRAPE_INTERVAL),
          NEXT_TELEMETRY_DISABLED: '1',
        },
      });
  if (!portal) console.log(`demo:prometheus: start the portal with PROMETHEUS_URL=${prometheus.url} npm run demo`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    if (portal?.pid !== undefined) {
      try {
        process.kill(-portal.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    await prometheus.stop();
    await scrape.close();
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
