import type { DemoCluster } from './fleet-model';
import { gridAt } from './signals';

/** What the cluster-page evaluators share: the sample shape, scrape timing and `sum by`. */

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

export type ClusterEvaluator = (cluster: DemoCluster, t: number) => Sample[];

/** A node has a sample within the lookback once its exporters have been scraped after boot. */
export const booted = (bootTime: number, t: number): boolean => bootTime <= gridAt(t);

/** PromQL's `sum by`: samples with the same labels add up, in the order they come. */
export function sumBy(samples: Iterable<Sample>): Sample[] {
  const out = new Map<string, Sample>();
  for (const s of samples) {
    const key = JSON.stringify(s.labels);
    const prev = out.get(key);
    if (prev) prev.value += s.value;
    else out.set(key, { labels: s.labels, value: s.value });
  }
  return [...out.values()];
}
