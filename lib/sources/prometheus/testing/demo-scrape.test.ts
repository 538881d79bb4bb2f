import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportedClusters } from '../../../demo/telemetry';
import {
  backfillEnd,
  capRuleFor,
  fleetWithScrapedClusters,
  OPENMETRICS_CONTENT_TYPE,
  renderDemoScrape,
  startDemoScrapeServer,
} from './demo-scrape';

/** `name{labels} value timestamp`, OpenMetrics with a timestamp in seconds. */
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*)\} (\S+) (\d+)$/;

function labelsOf(text: string): Record<string, string> {
  return Object.fromEntries(
    [...text.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
  );
}

describe('npm run demo:prometheus: the live scrape endpoint', () => {
  it('takes as many demo clusters as it is asked for clusters in Prometheus', () => {
    for (const n of [1, 9, 20]) {
      const fleet = fleetWithScrapedClusters('fleetwatch', n);
      expect(exportedClusters(fleet)).toHaveLength(n);
    }
    // The old demo exported getDemoFleet(seed, 9): fewer than 9 of those send metrics.
    expect(fleetWithScrapedClusters('fleetwatch', 9).clusters.length).toBeGreaterThan(9);
  });

  it('renders OpenMetrics whose every sample carries its cluster label and the timestamp "now"', async () => {
    const fleet = fleetWithScrapedClusters('fleetwatch', 2);
    const names = new Set(exportedClusters(fleet).map((c) => c.name));
    const now = Math.floor(Date.now() / 1000);
    const server = await startDemoScrapeServer({ fleet, now: () => now });
    try {
      expect(server.target).toMatch(/^127\.0\.0\.1:\d+$/);
      const response = await fetch(server.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(OPENMETRICS_CONTENT_TYPE);
      const text = await response.text();
      expect(text).toBe(await renderDemoScrape(fleet, now));
      const lines = text.trimEnd().split('\n');
      expect(lines.at(-1)).toBe('# EOF');
      const seen = new Set<string>();
      const wrong: string[] = [];
      let samples = 0;
      for (const line of lines.slice(0, -1)) {
        if (line.startsWith('# TYPE ') || line.startsWith('# HELP ')) continue;
        const m = SAMPLE.exec(line);
        const cluster = m ? labelsOf(m[2] as string)['cluster'] : undefined;
        // Every sample: well formed, a number, stamped now, of one of the fleet's clusters.
        if (!m || Number.isNaN(Number(m[3])) || Number(m[4]) !== now || !names.has(cluster ?? '')) wrong.push(line);
        else seen.add(cluster as string);
        samples++;
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(samples).toBeGreaterThan(1000);
      expect([...seen].sort()).toEqual([...names].sort());
      expect((await fetch(server.url.replace('/metrics', '/other'))).status).toBe(404);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('ends the backfilled history before now, on the scrape grid', () => {
    const now = Math.floor(Date.now() / 1000);
    for (const t of [now, now - (now % 30), now - (now % 30) + 1]) {
      const end = backfillEnd(t, 30);
      expect(end).toBeLessThan(t);
      expect(end % 30).toBe(0);
      expect(t - end).toBeLessThanOrEqual(30);
    }
  });

  it('the script exports history that ends at now, not hours ahead', () => {
    const script = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'scripts', 'demo-prometheus.ts'), 'utf8');
    expect(script).toMatch(/end: backfillEnd\(Math\.floor\(Date\.now\(\) \/ 1000\), DEMO_SCRAPE_INTERVAL\)/);
    expect(script).not.toMatch(/end: now \+/);
  });

  it("caps the rules' for at the demo's limit and leaves shorter ones alone", () => {
    const rules = [
      '    for: 15m',
      '    for: 1h30m',
      '    for: 1m',
      '    for: 0s',
      '    for: 45s',
      'expr: for: 2h',
    ].join('\n');
    expect(capRuleFor(rules, 60).split('\n')).toEqual([
      '    for: 60s',
      '    for: 60s',
      '    for: 1m',
      '    for: 0s',
      '    for: 45s',
      'expr: for: 2h',
    ]);
  });
});
