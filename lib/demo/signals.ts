import type { DemoCluster, DemoNode } from './fleet-model';
import { hash32 } from './random';

/**
 * Time-varying signals of the demo fleet as closed-form functions of time, sampled on a
 * scrape grid exactly as a Prometheus server would have stored them. Counters are integrals
 * of a positive rate, so they only go up; a real Prometheus backfilled from the same samples
 * (the telemetry export) computes the same rates as the demo does here.
 */

/** Parses FLEETWATCH_DEMO_SCRAPE_INTERVAL: whole seconds, 1..3600, default 30. */
export function scrapeIntervalFrom(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 30;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 3600)
    throw new Error(
      `FLEETWATCH_DEMO_SCRAPE_INTERVAL must be whole seconds between 1 and 3600, not "${raw.slice(0, 20)}"`,
    );
  return n;
}

/**
 * Seconds between two samples of every demo series, like a 30 s scrape interval. It must
 * equal the telemetry export's --step for a Prometheus loaded with the export to agree.
 */
export const DEMO_SCRAPE_INTERVAL = scrapeIntervalFrom(
  typeof process === 'undefined' ? undefined : process.env.FLEETWATCH_DEMO_SCRAPE_INTERVAL,
);
/** Prometheus' default lookback for instant vectors. */
export const LOOKBACK_DELTA = 300;

const DAY = 86_400;
const W_DAY = (2 * Math.PI) / DAY;
const W_NOISE_1 = (2 * Math.PI) / (17 * 60);
const W_NOISE_2 = (2 * Math.PI) / (43 * 60);

/** The latest grid timestamp at or before t. */
export function gridAt(t: number, interval = DEMO_SCRAPE_INTERVAL): number {
  return Math.floor(t / interval) * interval;
}

function noiseAmplitudes(node: DemoNode): [number, number] {
  const room = Math.max(0, 0.5 * (node.cpuBase - node.swing));
  const total = Math.min(0.035, room);
  return [total * (4 / 7), total * (3 / 7)];
}

/** Busy share of one CPU of the node at time t (0..1). */
export function cpuBusy(node: DemoNode, t: number): number {
  const [a1, a2] = noiseAmplitudes(node);
  return (
    node.cpuBase +
    node.swing * Math.sin(W_DAY * t + node.phase) +
    a1 * Math.sin(W_NOISE_1 * t + 2 * node.phase) +
    a2 * Math.sin(W_NOISE_2 * t + 3 * node.phase)
  );
}

/** ∫ cpuBusy dt, up to a constant. */
function cpuBusyIntegral(node: DemoNode, t: number): number {
  const [a1, a2] = noiseAmplitudes(node);
  return (
    node.cpuBase * t -
    (node.swing / W_DAY) * Math.cos(W_DAY * t + node.phase) -
    (a1 / W_NOISE_1) * Math.cos(W_NOISE_1 * t + 2 * node.phase) -
    (a2 / W_NOISE_2) * Math.cos(W_NOISE_2 * t + 3 * node.phase)
  );
}

/** node_cpu_seconds_total{mode="idle"} of each CPU of the node at the grid time t, or null before boot. */
export function idleCpuSeconds(node: DemoNode, t: number): number | null {
  if (t < node.bootTime) return null;
  const busy = cpuBusyIntegral(node, t) - cpuBusyIntegral(node, node.bootTime);
  return t - node.bootTime - busy;
}

/** Share of node memory in use at time t (0..1). */
export function memoryUsed(node: DemoNode, t: number): number {
  return (
    node.memBase +
    0.5 * node.swing * Math.sin(W_DAY * t + node.phase + 0.6) +
    0.01 * Math.sin(W_NOISE_2 * t + node.phase)
  );
}

/** node_memory_MemAvailable_bytes at time t, whole bytes like the real exporter. */
export function memAvailableBytes(node: DemoNode, t: number): number {
  return Math.round(node.memoryBytes * (1 - memoryUsed(node, t)));
}

/** Share of the node's root filesystem in use at time t: images, logs and emptyDirs (18–50 %), swinging with log rotation and image GC; below every disk alert's threshold. */
export function rootFsUsed(node: DemoNode, t: number): number {
  const base = 0.18 + (hash32(`${node.name}/rootfs`) % 320) / 1000;
  return base + 0.02 * Math.sin(W_DAY * t + node.phase + 1.3) + 0.005 * Math.sin(W_NOISE_1 * t + node.phase);
}

/** node_filesystem_avail_bytes of the root filesystem at time t, in whole 4 KiB blocks. */
export function rootFsAvailBytes(node: DemoNode, sizeBytes: number, t: number): number {
  return Math.round((sizeBytes * (1 - rootFsUsed(node, t))) / 4096) * 4096;
}

/** Crash-looping containers restart every five minutes: the CrashLoopBackOff ceiling. */
export const CRASHLOOP_PERIOD = 300;

/** The moment a crash-looping container started crashing: a stable instant in the past. */
export function crashLoopSince(cluster: DemoCluster, workload: string, replica: number): number {
  return 1_763_000_000 + (hash32(`${cluster.name}/${workload}/${replica}`) % 86_400);
}

/** kube_pod_container_status_restarts_total of a crash-looping container that started crashing at `since`. */
export function crashLoopRestarts(since: number, t: number): number {
  return t < since ? 0 : Math.floor((t - since) / CRASHLOOP_PERIOD);
}

/** Grid sample times within a range selector [t - range, t] (Prometheus 2.x: both ends inclusive). */
export function gridSamplesInRange(t: number, range: number, interval = DEMO_SCRAPE_INTERVAL): number[] {
  const first = Math.ceil((t - range) / interval) * interval;
  const out: number[] = [];
  for (let s = first; s <= t; s += interval) out.push(s);
  return out;
}

/**
 * Prometheus' extrapolatedRate (promql/functions.go), so demo rates and increases are the
 * numbers a real server computes from the same samples.
 */
export function extrapolatedRate(
  samples: ReadonlyArray<readonly [number, number]>,
  rangeStart: number,
  rangeEnd: number,
  opts: { isCounter: boolean; isRate: boolean },
): number | null {
  if (samples.length < 2) return null;
  const first = samples[0] as readonly [number, number];
  const last = samples[samples.length - 1] as readonly [number, number];
  let resets = 0;
  if (opts.isCounter) {
    let prev = first[1];
    for (const [, v] of samples) {
      if (v < prev) resets += prev;
      prev = v;
    }
  }
  return extrapolate(first, last, samples.length, resets, rangeStart, rangeEnd, opts);
}

/** The part of extrapolatedRate after the reset scan: it needs only the ends and the count. */
function extrapolate(
  [firstT, firstV]: readonly [number, number],
  [lastT, lastV]: readonly [number, number],
  count: number,
  resets: number,
  rangeStart: number,
  rangeEnd: number,
  opts: { isCounter: boolean; isRate: boolean },
): number {
  let result = lastV - firstV + resets;
  let durationToStart = firstT - rangeStart;
  const durationToEnd = rangeEnd - lastT;
  const sampledInterval = lastT - firstT;
  const averageBetween = sampledInterval / (count - 1);
  if (opts.isCounter && result > 0 && firstV >= 0) {
    const durationToZero = sampledInterval * (firstV / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = averageBetween * 1.1;
  let extrapolateTo = sampledInterval;
  extrapolateTo += durationToStart < threshold ? durationToStart : averageBetween / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetween / 2;
  result *= extrapolateTo / sampledInterval;
  if (opts.isRate) result /= rangeEnd - rangeStart;
  return result;
}

/**
 * rate()/increase() of a demo counter over [t - range, t]. Demo counters never reset (they
 * are integrals of positive rates, tested), so Prometheus' reset scan would find nothing:
 * the first and last samples and their count decide the answer. Two evaluations instead of
 * one per sample keeps the 5,000-cluster overview cheap.
 */
export function counterRate(
  valueAt: (t: number) => number | null,
  t: number,
  range: number,
  isRate: boolean,
  interval = DEMO_SCRAPE_INTERVAL,
): number | null {
  let firstT = Math.ceil((t - range) / interval) * interval;
  const lastT = Math.floor(t / interval) * interval;
  let firstV = valueAt(firstT);
  // Series that start inside the window (a node booted) have no samples before their start.
  while (firstV === null && firstT < lastT) {
    firstT += interval;
    firstV = valueAt(firstT);
  }
  const lastV = valueAt(lastT);
  if (firstV === null || lastV === null || lastT <= firstT) return null;
  const count = Math.round((lastT - firstT) / interval) + 1;
  return extrapolate([firstT, firstV], [lastT, lastV], count, 0, t - range, t, { isCounter: true, isRate });
}

/** Requests per second a cluster's API server serves at time t: grows with the cluster, follows the day. */
export function apiRequestRate(nodes: number, phase: number, t: number): number {
  return (20 + 2 * nodes) * (1 + 0.3 * Math.sin(W_DAY * t + phase));
}

/** Requests the API server served since it started at `since` (a counter: whole requests, never down). */
export function apiRequestsServed(nodes: number, phase: number, since: number, t: number): number {
  if (t <= since) return 0;
  const base = 20 + 2 * nodes;
  const integral = (s: number): number => base * (s - (0.3 / W_DAY) * Math.cos(W_DAY * s + phase));
  return Math.floor(integral(t) - integral(since));
}

/** Cores a container uses at time t, as a share of what it requested (cAdvisor's usage rate). */
export function containerCpuShare(phase: number, t: number): number {
  return 0.3 + 0.15 * Math.sin(W_DAY * t + phase);
}

/** container_cpu_usage_seconds_total of a container started at `since` that requested `cores`. */
export function containerCpuSeconds(cores: number, phase: number, since: number, t: number): number {
  if (t <= since) return 0;
  const integral = (s: number): number => 0.3 * s - (0.15 / W_DAY) * Math.cos(W_DAY * s + phase);
  return cores * (integral(t) - integral(since));
}

/** container_memory_working_set_bytes of a container that requested `bytes`. */
export function containerWorkingSetBytes(bytes: number, phase: number, t: number): number {
  return Math.round(bytes * (0.6 + 0.1 * Math.sin(W_NOISE_2 * t + phase)));
}
