import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { getDemoFleet } from '../../../demo/fleet';
import type { DemoFleet } from '../../../demo/fleet-model';
import { exportedClusters, writeTelemetry } from '../../../demo/telemetry';

/**
 * What `npm run demo:prometheus` needs besides the backfill: the demo fleet's telemetry "now"
 * on a scrape endpoint, so Prometheus keeps ingesting (and its rule manager can write ALERTS)
 * after the backfilled history ends, and the alerting rules with `for` short enough to fire
 * within the demo's first minutes.
 */

/** Alerts fire after at most this long in the demo: its rules' `for` is capped to it. */
export const DEMO_RULE_FOR_SECONDS = 60;

/** The largest demo fleet searched for `n` clusters whose metrics reach Prometheus. */
const MAX_FLEET = 20_000;

/**
 * The smallest demo fleet in which exactly `n` clusters send metrics to Prometheus (the others
 * are stopped or have no managed Prometheus). Cluster i depends only on the seed and i, so the
 * first n scraped clusters are the same whatever the fleet's size.
 */
export function fleetWithScrapedClusters(seed: string, n: number): DemoFleet {
  let size = n;
  while (size <= MAX_FLEET) {
    const fleet = getDemoFleet(seed, size);
    const scraped = exportedClusters(fleet).length;
    if (scraped === n) return fleet;
    size += n - scraped;
  }
  throw new Error(`no demo fleet of at most ${MAX_FLEET} clusters has ${n} clusters with Prometheus metrics`);
}

/**
 * The end of the backfilled history: the last scrape before `now` (Unix seconds), never after
 * it. Prometheus' head accepts no sample older than the newest block, so history reaching into
 * the future would make it refuse every scrape and every ALERTS sample until then.
 */
export function backfillEnd(now: number, step: number): number {
  return Math.floor((now - 1) / step) * step;
}

/**
 * The fleet's samples at `at` (Unix seconds) as OpenMetrics text, each with its timestamp: the
 * same families, labels and values the backfill writes (`cluster` label included).
 */
export async function renderDemoScrape(fleet: DemoFleet, at: number, clusterLabel = 'cluster'): Promise<string> {
  const chunks: string[] = [];
  // One sample per series: a one-second grid puts any whole second on it.
  await writeTelemetry(fleet, { start: at, end: at, step: 1, clusterLabel }, { write: (c) => void chunks.push(c) });
  return chunks.join('');
}

export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

export interface DemoScrapeServer {
  /** host:port, for a scrape config's target. */
  target: string;
  url: string;
  close(): Promise<void>;
}

/** Serves `renderDemoScrape(fleet, now)` on http://127.0.0.1:<port>/metrics (port 0: the kernel chooses). */
export async function startDemoScrapeServer(options: {
  fleet: DemoFleet;
  port?: number;
  clusterLabel?: string;
  now?: () => number;
}): Promise<DemoScrapeServer> {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || !req.url?.startsWith('/metrics')) {
      res.writeHead(404).end('not found\n');
      return;
    }
    renderDemoScrape(options.fleet, now(), options.clusterLabel).then(
      (text) => res.writeHead(200, { 'content-type': OPENMETRICS_CONTENT_TYPE }).end(text),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    target: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Alerting rules with every `for` longer than `maxSeconds` shortened to it. Prometheus times
 * `for` from its own evaluations (backfilled history does not count), so a mixin's `for: 15m`
 * would keep the demo's alerts pending for a quarter of an hour.
 */
export function capRuleFor(rules: string, maxSeconds: number): string {
  const UNIT: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
  return rules.replace(/^(\s+for:\s*)(\S+)\s*$/gm, (line, prefix: string, value: string) => {
    const parts = [...value.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value) return line;
    const seconds = parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT[p[2] as string] as number), 0);
    return seconds > maxSeconds ? `${prefix}${maxSeconds}s` : line;
  });
}

/**
 * The demo's rule files in `dir`: the kubernetes-mixin and Azure recommended alerts of
 * ../testdata with `for` capped at DEMO_RULE_FOR_SECONDS.
 */
export async function writeDemoRules(dir: string, maxForSeconds = DEMO_RULE_FOR_SECONDS): Promise<string[]> {
  return Promise.all(
    ['kubernetes-mixin.rules.yaml', 'azure-recommended-alerts.rules.yaml'].map(async (f) => {
      const text = await readFile(path.join(__dirname, '..', 'testdata', f), 'utf8');
      const out = path.join(dir, f);
      await writeFile(out, capRuleFor(text, maxForSeconds));
      return out;
    }),
  );
}
