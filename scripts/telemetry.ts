// Writes the demo fleet as OpenMetrics text with timestamps, ready for
// `promtool tsdb create-blocks-from openmetrics FILE DIR`.
// Usage: npm run telemetry -- --clusters 40 --hours 3 --step 30 --out demo.om [--end ISO] [--seed fleetwatch]
import { createWriteStream, type WriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { getDemoFleet } from '../lib/demo/fleet';
import { DEMO_SCRAPE_INTERVAL } from '../lib/demo/signals';
import { telemetryWindow, writeTelemetry } from '../lib/demo/telemetry';

function fail(message: string): never {
  console.error(`telemetry: ${message}`);
  process.exit(2);
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) fail(`--${name} must be a positive whole number`);
  return n;
}

const { values } = parseArgs({
  options: {
    clusters: { type: 'string' },
    hours: { type: 'string' },
    step: { type: 'string' },
    out: { type: 'string' },
    end: { type: 'string' },
    seed: { type: 'string' },
    'cluster-label': { type: 'string' },
  },
  strict: true,
});

const clusters = positiveInt('clusters', values.clusters ?? process.env.FLEETWATCH_DEMO_CLUSTERS, 40);
const hours = Number(values.hours ?? '3');
if (!(hours > 0 && hours <= 24 * 32)) fail('--hours must be between 0 and 768');
const step = positiveInt('step', values.step, DEMO_SCRAPE_INTERVAL);
const seed = values.seed ?? process.env.FLEETWATCH_DEMO_SEED ?? 'fleetwatch';
const endMs = values.end ? Date.parse(values.end) : Date.now();
if (Number.isNaN(endMs)) fail('--end must be an ISO date, e.g. 2026-11-24T12:00:00Z');
const out = values.out ?? fail('--out FILE is required');
const clusterLabel = values['cluster-label'] ?? process.env.PROMETHEUS_CLUSTER_LABEL ?? 'cluster';
if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(clusterLabel)) fail('--cluster-label must be a Prometheus label name');

async function main(): Promise<void> {
  const window = telemetryWindow(Math.floor(endMs / 1000), hours, step);
  const stream: WriteStream = createWriteStream(out);
  const started = Date.now();
  const stats = await writeTelemetry(
    getDemoFleet(seed, clusters),
    { ...window, step, clusterLabel },
    {
      write: (chunk) =>
        stream.write(chunk) ? undefined : new Promise<void>((resolve) => stream.once('drain', () => resolve())),
    },
  );
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  console.log(
    `telemetry: ${stats.clusters} of ${clusters} clusters (seed ${seed}) · ${stats.series.toLocaleString('en')} series · ` +
      `${stats.samples.toLocaleString('en')} samples · ${new Date(window.start * 1000).toISOString()} → ${new Date(window.end * 1000).toISOString()} ` +
      `every ${step} s · ${((Date.now() - started) / 1000).toFixed(1)} s → ${out}`,
  );
  if (step !== DEMO_SCRAPE_INTERVAL) {
    console.log(
      `telemetry: the demo samples every ${DEMO_SCRAPE_INTERVAL} s; run the portal with FLEETWATCH_DEMO_SCRAPE_INTERVAL=${step} for its answers to match.`,
    );
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
