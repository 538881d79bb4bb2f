import {
  LONG_RANGE_MIN_STEP as MANAGED_LONG_RANGE_MIN_STEP,
  LONG_RANGE_SECONDS as MANAGED_LONG_RANGE_SECONDS,
  MAX_RANGE_SECONDS as MANAGED_MAX_RANGE_SECONDS,
} from '../../catalog/query-limits';
import type { QueryTime } from '../../catalog/types';

/**
 * Limits of Azure Monitor managed Prometheus, checked before a query is sent so the user
 * reads why instead of an opaque 4xx. Source: ../shared/reference/docs/
 * AzureMonitor-prometheus-api-promql.EXCERPT.md ("API limitations"), plus the documented
 * query limit that ranges of 48 h or more need a step of at least 60 s.
 */

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };

/** Seconds of a PromQL duration like `1h30m`; null when it is not one. */
export function parsePromDuration(text: string): number | null {
  const parts = text.trim().match(/\d+(?:ms|s|m|h|d|w|y)/g);
  if (!parts || parts.join('') !== text.trim()) return null;
  return parts.reduce((sum, p) => {
    const m = /^(\d+)(ms|s|m|h|d|w|y)$/.exec(p);
    return m ? sum + Number(m[1]) * (UNIT_SECONDS[m[2] as string] ?? 0) : sum;
  }, 0);
}

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'and',
  'or',
  'unless',
  'atan2',
  'inf',
  'nan',
]);

/** Removes string literals so their contents are not read as PromQL. */
function stripStrings(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
}

/** The longest range selector or subquery range in the text, in seconds. */
export function longestRangeSelector(text: string): number {
  let longest = 0;
  for (const m of stripStrings(text).matchAll(/\[([^\]:]+)(?::[^\]]*)?\]/g)) {
    longest = Math.max(longest, parsePromDuration(m[1] as string) ?? 0);
  }
  return longest;
}

/** Whether the query selects at least one metric by name (bare name or `__name__` matcher). */
export function namesAMetric(text: string): boolean {
  const plain = stripStrings(text);
  if (/__name__\s*=(?!~)/.test(plain)) return true;
  const bare = plain
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    // Label lists after grouping modifiers are label names, not metrics.
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  for (const m of bare.matchAll(/(?<![\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)) {
    if (!KEYWORDS.has((m[1] as string).toLowerCase())) return true;
  }
  return false;
}

export class ManagedLimitError extends Error {
  override name = 'ManagedLimitError';
}

/** Throws ManagedLimitError when a query would break a managed-Prometheus limit. */
export function checkManagedLimits(text: string, time: QueryTime): void {
  if (!namesAMetric(text)) {
    throw new ManagedLimitError('Azure Monitor managed Prometheus needs every query to select a metric by name');
  }
  if (time.kind !== 'range') return;
  const span = time.end - time.start;
  const covered = span + longestRangeSelector(text);
  if (covered > MANAGED_MAX_RANGE_SECONDS) {
    throw new ManagedLimitError(
      `Azure Monitor managed Prometheus answers at most 32 days per query (range plus range selectors); this one covers ${(covered / 86_400).toFixed(1)} days`,
    );
  }
  if (span >= MANAGED_LONG_RANGE_SECONDS && time.step < MANAGED_LONG_RANGE_MIN_STEP) {
    throw new ManagedLimitError(
      `Azure Monitor managed Prometheus needs a step of at least 60 s for ranges of 48 h or more (step is ${time.step} s)`,
    );
  }
}

/** Azure Monitor workspace query endpoints live under this host suffix. */
export function isAzureMonitorEndpoint(url: string): boolean {
  try {
    return new URL(url).hostname.toLowerCase().endsWith('.prometheus.monitor.azure.com');
  } catch {
    return false;
  }
}
