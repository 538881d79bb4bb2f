import { describe, expect, it } from 'vitest';
import { getDemoFleet } from './fleet';
import { exportedClusters, podsOf, telemetryWindow, writeTelemetry } from './telemetry';

async function exportText(
  clusters: number,
  minutes: number,
  step = 30,
): Promise<{ text: string; start: number; end: number }> {
  const window = telemetryWindow(1_795_000_017, minutes / 60, step);
  let text = '';
  await writeTelemetry(
    getDemoFleet('telemetry-test', clusters),
    { ...window, step },
    { write: (chunk) => void (text += chunk) },
  );
  return { text, ...window };
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} (\S+) (\d+)$/;

describe('telemetry export', { timeout: 20_000 }, () => {
  it('is OpenMetrics: one TYPE per family, families contiguous, samples with second timestamps on the grid, # EOF last', async () => {
    const { text, start, end } = await exportText(6, 10);
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('# EOF');
    expect(start % 30).toBe(0);
    expect(end - start).toBe(600);
    const types = lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
    const types_: Record<string, string> = Object.fromEntries(
      lines.filter((l) => l.startsWith('# TYPE ')).map((l) => [l.split(' ')[2], l.split(' ')[3]]),
    );
    expect(new Set(types).size).toBe(types.length);
    const familyOrder: string[] = [];
    const bad: string[] = [];
    let current = '';
    let samples = 0;
    for (const line of lines) {
      if (line.startsWith('# TYPE ')) current = line.split(' ')[2] as string;
      if (line.startsWith('#')) continue;
      samples++;
      const m = SAMPLE.exec(line);
      if (!m) {
        bad.push(`not a sample: ${line}`);
        continue;
      }
      const [, name, labels, value, ts] = m as RegExpExecArray;
      const suffixes =
        types_[current] === 'histogram'
          ? ['_bucket', '_count', '_sum']
          : types_[current] === 'counter'
            ? ['_total']
            : [''];
      if (!suffixes.some((x) => name === `${current}${x}`)) bad.push(`${name} under # TYPE ${current}`);
      if (name?.endsWith('_bucket') && !/(^|,)le="[^"]+"$/.test(labels ?? ''))
        bad.push(`bucket without le last: ${line}`);
      if (familyOrder.at(-1) !== current) familyOrder.push(current);
      if (!/(^|,)cluster="[^"]+"/.test(labels ?? '')) bad.push(`no cluster label: ${line}`);
      if (!Number.isFinite(Number(value))) bad.push(`bad value: ${line}`);
      const t = Number(ts);
      if (!(t % 30 === 0 && t >= start && t <= end)) bad.push(`timestamp off the grid: ${line}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(samples).toBeGreaterThan(1000);
    expect(new Set(familyOrder).size).toBe(familyOrder.length);
    expect(types_['apiserver_request_duration_seconds']).toBe('histogram');
    for (const family of [
      'container_cpu_usage_seconds',
      'container_memory_working_set_bytes',
      'apiserver_request',
      'apiserver_current_inflight_requests',
      'kubelet_pod_worker_duration_seconds',
      'kubelet_pleg_relist_duration_seconds',
      'http_request_duration_seconds',
      'kube_pod_info',
      'kube_node_info',
      'kube_node_status_condition',
      'kube_node_status_capacity',
      'kube_pod_status_phase',
      'kube_pod_container_status_restarts',
      'kube_pod_container_resource_requests',
      'kube_pod_container_resource_limits',
      'kube_statefulset_replicas',
      'kube_statefulset_status_replicas_ready',
      'node_cpu_seconds',
      'node_memory_MemAvailable_bytes',
      'node_memory_MemTotal_bytes',
      'node_filesystem_size_bytes',
      'node_filesystem_avail_bytes',
      'kubernetes_build_info',
      'up',
    ]) {
      expect(types).toContain(family);
    }
    expect(text).toContain('# TYPE node_cpu_seconds counter');
    expect(text).toMatch(/^node_cpu_seconds_total\{/m);
  });

  it('writes counters that never go down, and all five pod phases per pod', async () => {
    const { text } = await exportText(6, 20);
    const last = new Map<string, number>();
    const phases = new Map<string, Set<string>>();
    const decreasing: string[] = [];
    for (const line of text.split('\n')) {
      const m = SAMPLE.exec(line);
      if (!m) continue;
      const [, name, labels, value] = m as RegExpExecArray;
      if (name && /_(total|bucket|count|sum)$/.test(name)) {
        const key = `${name}{${labels}}`;
        const v = Number(value);
        if (v < (last.get(key) ?? -Infinity)) decreasing.push(key);
        last.set(key, v);
      }
      if (name === 'kube_pod_status_phase') {
        const pod = /pod="([^"]+)"/.exec(labels ?? '')?.[1] ?? '';
        const phase = /phase="([^"]+)"/.exec(labels ?? '')?.[1] ?? '';
        phases.set(pod, (phases.get(pod) ?? new Set()).add(phase));
      }
    }
    expect(decreasing.slice(0, 5)).toEqual([]);
    expect(last.size).toBeGreaterThan(100);
    expect([...phases.values()].every((s) => s.size === 5)).toBe(true);
  });

  it('exports only the clusters the demo says Prometheus scrapes, with every pod of each', async () => {
    const fleet = getDemoFleet('telemetry-test', 8);
    const { text } = await exportText(8, 1);
    const seen = new Set([...text.matchAll(/cluster="([^"]+)"/g)].map((m) => m[1]));
    expect([...seen].sort()).toEqual(
      exportedClusters(fleet)
        .map((c) => c.name)
        .sort(),
    );
    for (const c of exportedClusters(fleet)) {
      const pods = podsOf(c);
      expect(pods.length).toBe(
        c.workloads.reduce((s, w) => s + w.running + w.crashLooping + w.pending + w.failed + w.succeeded, 0),
      );
      expect(new Set(pods.map((p) => `${p.namespace}/${p.name}`)).size).toBe(pods.length);
    }
  });
});

describe('telemetry histograms', () => {
  it('have cumulative buckets ending in +Inf = _count, for every histogram family', async () => {
    const { text } = await exportText(3, 1);
    const points = new Map<string, Array<[number, number]>>();
    const counts = new Map<string, number>();
    const names = new Set<string>();
    for (const m of text.matchAll(
      /^(apiserver_request_duration_seconds|kubelet_pleg_relist_duration_seconds|http_request_duration_seconds)_(bucket|count)\{(.*?)(?:,le="([^"]+)")?\} (\S+) (\d+)$/gm,
    )) {
      const [, name, kind, labels, le, value, ts] = m;
      names.add(name ?? '');
      const key = `${name}{${labels}}@${ts}`;
      if (kind === 'count') counts.set(key, Number(value));
      else points.set(key, [...(points.get(key) ?? []), [le === '+Inf' ? Infinity : Number(le), Number(value)]]);
    }
    expect(points.size).toBeGreaterThan(0);
    for (const [key, buckets] of points) {
      const values = buckets.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
      expect(values, key).toEqual([...values].sort((a, b) => a - b));
      expect(buckets.at(-1)?.[0]).toBe(Infinity);
      expect(values.at(-1)).toBe(counts.get(key));
    }
    expect(names.size).toBe(3);
  });

  it('time every app request: http_request_duration_seconds_count equals http_requests_total, series by series', async () => {
    const { text } = await exportText(3, 1);
    const totals = new Map(
      [...text.matchAll(/^http_requests_total\{(.*)\} (\S+) (\d+)$/gm)].map((m) => [`${m[1]}@${m[3]}`, m[2]]),
    );
    const counts = [...text.matchAll(/^http_request_duration_seconds_count\{(.*)\} (\S+) (\d+)$/gm)];
    expect(counts.length).toBeGreaterThan(100);
    for (const m of counts) expect(m[2], m[1]).toBe(totals.get(`${m[1]}@${m[3]}`));
  });
});
