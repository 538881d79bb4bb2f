import type { DemoCluster, DemoFleet } from './fleet-model';
import { bucketCount } from './family-kit';
import { FAMILIES, HISTOGRAMS, NODE_EXPORTER_FAMILIES } from './telemetry-families';

export { podsOf, type DemoPod, type PodState } from './pods';

/**
 * The demo fleet as OpenMetrics text with timestamps, for
 * `promtool tsdb create-blocks-from openmetrics`. Names, types and labels follow
 * kube-state-metrics v2, node-exporter, cAdvisor, the kubelet and kube-apiserver; every series carries the
 * `cluster` label. Values come from the same fleet model and signal functions the demo
 * backend answers from, so a Prometheus loaded with this text agrees with the demo.
 * https://github.com/OpenObservability/OpenMetrics/blob/main/specification/OpenMetrics.md
 */

export interface TelemetryOptions {
  /** Unix seconds of the first and last sample, both on the step grid. */
  start: number;
  end: number;
  /** Seconds between samples: the scrape interval (FLEETWATCH_DEMO_SCRAPE_INTERVAL for the demo). */
  step: number;
  clusterLabel?: string;
}

/** Where text goes; returning a promise lets a file stream apply back-pressure. */
export interface TelemetrySink {
  write(chunk: string): void | Promise<void>;
}

export interface TelemetryStats {
  clusters: number;
  series: number;
  samples: number;
}

/** Clusters whose metrics reach Prometheus: the same rule as the demo backend's answers. */
export function exportedClusters(fleet: DemoFleet): DemoCluster[] {
  return fleet.clusters.filter((c) => c.monitoring.managedPrometheus && c.powerState === 'Running');
}

/** JS prints the shortest string that reads back as the same double; Go's ParseFloat reads it exactly. */
const num = (v: number): string => String(v);

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labelText(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',')}}`;
}

/** The step grid [start, end] for `hours` ending at `end` (both on the grid). */
export function telemetryWindow(end: number, hours: number, step: number): { start: number; end: number } {
  const last = Math.floor(end / step) * step;
  return { start: last - Math.floor((hours * 3600) / step) * step, end: last };
}

/**
 * Writes the fleet's telemetry to the sink, one metric family at a time (OpenMetrics wants
 * a family's samples together), buffered so memory stays flat for any fleet size.
 */
export async function writeTelemetry(
  fleet: DemoFleet,
  options: TelemetryOptions,
  sink: TelemetrySink,
): Promise<TelemetryStats> {
  const { start, end, step } = options;
  if (!(step > 0) || end < start || start % step !== 0)
    throw new Error('telemetry window must be on the step grid with end ≥ start');
  const clusterLabel = options.clusterLabel ?? 'cluster';
  const clusters = exportedClusters(fleet);
  const stats: TelemetryStats = { clusters: clusters.length, series: 0, samples: 0 };
  let buffer = '';
  const flush = async (force = false): Promise<void> => {
    if (buffer.length >= 1 << 20 || (force && buffer)) {
      const chunk = buffer;
      buffer = '';
      await sink.write(chunk);
    }
  };
  for (const family of [...FAMILIES, ...NODE_EXPORTER_FAMILIES]) {
    buffer += `# TYPE ${family.name} ${family.type}\n# HELP ${family.name} ${family.help}\n`;
    for (const c of clusters) {
      for (const s of family.series(c, { [clusterLabel]: c.name })) {
        const prefix = `${family.name}${family.suffix ?? ''}${labelText(s.labels)} `;
        let wrote = false;
        for (let t = start; t <= end; t += step) {
          const v = s.value(t);
          if (v === null) continue;
          buffer += `${prefix}${num(v)} ${t}\n`;
          stats.samples++;
          wrote = true;
        }
        if (wrote) stats.series++;
        await flush();
      }
    }
  }
  for (const family of HISTOGRAMS) {
    buffer += `# TYPE ${family.name} histogram\n# HELP ${family.name} ${family.help}\n`;
    for (const c of clusters) {
      for (const s of family.series(c, { [clusterLabel]: c.name })) {
        // One MetricPoint per timestamp: its buckets, count and sum together, as OpenMetrics wants.
        const inner = labelText(s.labels).slice(1, -1);
        const bucketPrefixes = family.bounds.map((le) => `${family.name}_bucket{${inner},le="${le}"} `);
        const infPrefix = `${family.name}_bucket{${inner},le="+Inf"} `;
        const countPrefix = `${family.name}_count{${inner}} `;
        const sumPrefix = `${family.name}_sum{${inner}} `;
        let wrote = false;
        for (let t = start; t <= end; t += step) {
          const point = s.value(t);
          if (point === null) continue;
          family.bounds.forEach((le, i) => {
            buffer += `${bucketPrefixes[i]}${bucketCount(point, le)} ${t}\n`;
          });
          buffer += `${infPrefix}${point.count} ${t}\n${countPrefix}${point.count} ${t}\n${sumPrefix}${num(point.sum)} ${t}\n`;
          stats.samples += family.bounds.length + 3;
          wrote = true;
        }
        if (wrote) stats.series += family.bounds.length + 3;
        await flush();
      }
    }
  }
  buffer += '# EOF\n';
  await flush(true);
  return stats;
}
