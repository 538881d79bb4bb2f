import { z } from 'zod';
import type { ContainerLogRow } from '../../catalog/queries/cluster-logs';

/** A container log line as the page shows it: plain data for the live tail. */
export interface LogLine {
  key: string;
  time: string;
  namespace: string;
  pod: string;
  container: string;
  level: string;
  message: string;
}

/** Rows come newest first (the query's order); the page reads oldest first, like a terminal. */
export function toLogLines(rows: readonly ContainerLogRow[]): LogLine[] {
  const seen = new Map<string, number>();
  return [...rows].reverse().map((r) => {
    const base = `${r.TimeGenerated}|${r.PodNamespace}/${r.PodName}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return {
      key: n ? `${base}|${n}` : base,
      time: r.TimeGenerated,
      namespace: r.PodNamespace,
      pod: r.PodName,
      container: r.ContainerName,
      level: r.LogLevel,
      message: r.LogMessage,
    };
  });
}

/** The tail keeps at most this many lines in the page. */
export const TAIL_MAX_LINES = 500;

/** Appends new lines, skipping ones already shown, keeping the newest TAIL_MAX_LINES. */
export function appendLines(
  current: readonly LogLine[],
  incoming: readonly LogLine[],
  max = TAIL_MAX_LINES,
): LogLine[] {
  const keys = new Set(current.map((l) => l.key));
  const merged = [...current, ...incoming.filter((l) => !keys.has(l.key))];
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}

const objectName = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes object name');

/** The live-tail route's query string; anything else is a 400. */
export const logsRequestSchema = z
  .object({
    namespace: objectName.optional(),
    workload: objectName.optional(),
    q: z
      .string()
      .max(200, 'must be at most 200 characters')
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters')
      .optional(),
    after: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 time' }).optional(),
  })
  .strict();
export type LogsRequest = z.infer<typeof logsRequestSchema>;
