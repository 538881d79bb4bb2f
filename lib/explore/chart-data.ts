import type { ExploreSeries } from '../catalog/queries/explore';

/** A series' name: the legend template with {{label}} filled in, or the series selector itself. */
export function seriesName(labels: Record<string, string>, template: string): string {
  if (template.trim())
    return template.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
  const { __name__: metric = '', ...rest } = labels;
  const inner = Object.entries(rest)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ');
  return inner ? `${metric}{${inner}}` : metric || '{}';
}

export interface ChartSeries {
  key: string;
  name: string;
  query: number;
}

export interface ChartData {
  series: ChartSeries[];
  /** One row per timestamp (ms), one column per series key; gaps stay undefined. */
  rows: Array<Record<string, number>>;
}

/** Merges the series of several queries onto one time axis for a line chart. */
export function buildChartData(
  results: ReadonlyArray<{ series: readonly ExploreSeries[] }>,
  template: string,
): ChartData {
  const byTime = new Map<number, Record<string, number>>();
  const series: ChartSeries[] = [];
  results.forEach((r, q) => {
    r.series.forEach((s, i) => {
      const key = `q${q}s${i}`;
      series.push({ key, name: seriesName(s.labels, template), query: q });
      for (const [t, v] of s.points) {
        if (!Number.isFinite(v)) continue;
        const ms = t * 1000;
        let row = byTime.get(ms);
        if (!row) byTime.set(ms, (row = { t: ms }));
        row[key] = v;
      }
    });
  });
  return { series, rows: [...byTime.values()].sort((a, b) => (a['t'] ?? 0) - (b['t'] ?? 0)) };
}

/** The first column of a Log Analytics result whose type is datetime: the x axis of a logs chart. */
export function timeColumn(columns: ReadonlyArray<{ name: string; type: string }>): number {
  return columns.findIndex((c) => c.type === 'datetime');
}

/**
 * A logs result as a chart: rows grouped by time bucket, counting rows or summing the first
 * numeric column, split by the first string column when there is one (like `render timechart`).
 */
export function buildLogsChart(
  columns: ReadonlyArray<{ name: string; type: string }>,
  rows: readonly unknown[][],
): ChartData | null {
  const tIdx = timeColumn(columns);
  if (tIdx < 0) return null;
  const numeric = columns.findIndex((c, i) => i !== tIdx && ['long', 'int', 'real', 'decimal'].includes(c.type));
  const splitBy = columns.findIndex((c, i) => i !== tIdx && c.type === 'string');
  const keys = new Map<string, string>();
  const byTime = new Map<number, Record<string, number>>();
  for (const row of rows) {
    const ms = Date.parse(String(row[tIdx]));
    if (Number.isNaN(ms)) continue;
    const name =
      splitBy >= 0 ? String(row[splitBy] ?? '') : numeric >= 0 ? (columns[numeric]?.name ?? 'value') : 'rows';
    let key = keys.get(name);
    if (!key) keys.set(name, (key = `k${keys.size}`));
    let point = byTime.get(ms);
    if (!point) byTime.set(ms, (point = { t: ms }));
    const value = numeric >= 0 ? Number(row[numeric]) : 1;
    point[key] = (point[key] ?? 0) + (Number.isFinite(value) ? value : 0);
  }
  return {
    series: [...keys].map(([name, key]) => ({ key, name, query: 0 })),
    rows: [...byTime.values()].sort((a, b) => (a['t'] ?? 0) - (b['t'] ?? 0)),
  };
}
