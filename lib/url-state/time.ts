import { z } from 'zod';
import { formatTimePoint, parseTimePoint, type TimePoint, type TimeRange } from '../fleet/cluster/time-range';
import { legacyChain, renamed, zodParam, type Legacy } from './codec';

/**
 * The one time codec of every view, written the way Grafana and Perses write it: `from=now-6h`
 * (`to` defaults to now) or absolute ISO-8601 `from`/`to` with a zone.
 */

export const NOW: TimePoint = { kind: 'now', offsetSeconds: 0 };

const timePoint = z.string().transform((text, ctx): TimePoint => {
  const point = parseTimePoint(text);
  if (point) return point;
  ctx.addIssue({ code: 'custom', message: 'must be now, now-<n>m|h|d|w or an ISO-8601 time with a zone' });
  return z.NEVER;
});

export const timePointParam = zodParam(timePoint, formatTimePoint, (a, b) => formatTimePoint(a) === formatTimePoint(b));

export function timeRangeParsers(defaultFrom: TimePoint) {
  return { from: timePointParam.withDefault(defaultFrom), to: timePointParam.withDefault(NOW) };
}

export const rangeOf = (v: { from: TimePoint; to: TimePoint }): TimeRange => ({ from: v.from, to: v.to });

const unixSeconds = /^\d{9,11}(\.\d+)?$/;
const isoOfUnix = (v: string): string => new Date(Math.floor(Number(v)) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * Older time links: `range=6h` (cluster pages before absolute ranges), `range=now-6h` and unix
 * seconds in `from`/`to` (the explorers before they shared this codec).
 */
export const legacyTime: Legacy = legacyChain(
  renamed({
    range: (v) => (/^\d{1,4}[mhdw]$/.test(v) ? ['from', `now-${v}`] : v.startsWith('now') ? ['from', v] : null),
  }),
  (params) => {
    const out = new URLSearchParams(params);
    for (const key of ['from', 'to']) {
      const v = out.get(key);
      if (v && unixSeconds.test(v)) out.set(key, isoOfUnix(v));
    }
    return { params: out, from: {} };
  },
);
