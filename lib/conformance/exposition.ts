import type { Series } from './series';

/**
 * The same samples in the two formats the engines ingest: OpenMetrics with second timestamps
 * for `promtool tsdb create-blocks-from openmetrics`, and the Prometheus text format with
 * millisecond timestamps for VictoriaMetrics' /api/v1/import/prometheus.
 */

export interface Window {
  start: number;
  end: number;
  step: number;
}

const escape = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (labels: Record<string, string>): string =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${escape(v)}"`)
    .join(',')}}`;

function byFamily(series: readonly Series[]): Map<string, Series[]> {
  const out = new Map<string, Series[]>();
  for (const s of series) {
    const list = out.get(s.family.name);
    if (list) list.push(s);
    else out.set(s.family.name, [s]);
  }
  return out;
}

/** OpenMetrics, one chunk per family; a histogram's buckets, count and sum of one timestamp stay together. */
export function* openMetrics(series: readonly Series[], w: Window): Generator<string> {
  for (const [name, list] of byFamily(series)) {
    const f = list[0]?.family;
    if (!f) continue;
    // OpenMetrics names a counter family without _total; a counter sample without it (ingress-nginx's) is only valid as unknown.
    const counterOk = f.type !== 'counter' || list.every((s) => s.name.endsWith('_total'));
    const family = f.type === 'counter' && counterOk ? name.replace(/_total$/, '') : name;
    const type = counterOk ? f.type : 'unknown';
    let chunk = `# TYPE ${family} ${type}\n# HELP ${family} ${f.help}\n`;
    if (f.type === 'histogram') {
      const groups = new Map<string, Series[]>();
      for (const s of list) {
        const { le: _le, ...rest } = s.labels;
        const key = JSON.stringify(rest);
        const g = groups.get(key);
        if (g) g.push(s);
        else groups.set(key, [s]);
      }
      for (const g of groups.values()) {
        const prefixes = g.map((s) => `${s.name}${labelText(s.labels)} `);
        for (let t = w.start; t <= w.end; t += w.step)
          g.forEach((s, i) => (chunk += `${prefixes[i]}${s.value(t)} ${t}\n`));
        yield chunk;
        chunk = '';
      }
      continue;
    }
    for (const s of list) {
      const prefix = `${s.name}${labelText(s.labels)} `;
      for (let t = w.start; t <= w.end; t += w.step) chunk += `${prefix}${s.value(t)} ${t}\n`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  yield '# EOF\n';
}

/** Prometheus text format with millisecond timestamps, in chunks of about `chunkBytes`. */
export function* prometheusText(series: readonly Series[], w: Window, chunkBytes = 4 << 20): Generator<string> {
  let chunk = '';
  for (const [name, list] of byFamily(series)) {
    const f = list[0]?.family;
    if (!f) continue;
    chunk += `# HELP ${name} ${f.help}\n# TYPE ${name} ${f.type}\n`;
    for (const s of list) {
      const prefix = `${s.name}${labelText(s.labels)} `;
      for (let t = w.start; t <= w.end; t += w.step) chunk += `${prefix}${s.value(t)} ${t * 1000}\n`;
      if (chunk.length >= chunkBytes) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk) yield chunk;
}
