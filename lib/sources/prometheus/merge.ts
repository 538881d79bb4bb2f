import { z } from 'zod';
import { promMatrixSchema, promScalarSchema, promVectorSchema, WireFormatError } from '../../catalog/wire';

const dataSchema = z.discriminatedUnion('resultType', [promVectorSchema, promMatrixSchema, promScalarSchema]);
type PromData = z.infer<typeof dataSchema>;

function seriesKey(metric: Record<string, string>): string {
  return JSON.stringify(Object.entries(metric).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Merges the `data` of one query answered by several Prometheus endpoints. Each endpoint
 * normally holds other clusters, so series are concatenated; a series present in more than
 * one (an HA pair behind two URLs) is kept once, from the first URL listed.
 */
export function mergePromData(parts: readonly unknown[]): PromData {
  const parsed = parts.map((p) => {
    const r = dataSchema.safeParse(p);
    if (!r.success) throw new WireFormatError(`unexpected Prometheus data: ${r.error.issues[0]?.message ?? 'invalid'}`);
    return r.data;
  });
  const [first] = parsed;
  if (!first) throw new WireFormatError('nothing to merge');
  if (parsed.some((p) => p.resultType !== first.resultType)) {
    throw new WireFormatError(
      `Prometheus endpoints answered different result types (${[...new Set(parsed.map((p) => p.resultType))].join(', ')})`,
    );
  }
  if (first.resultType === 'scalar') return first;
  const seen = new Set<string>();
  if (first.resultType === 'vector') {
    const result = parsed
      .flatMap((p) => (p.resultType === 'vector' ? p.result : []))
      .filter((s) => {
        const key = seriesKey(s.metric);
        return seen.has(key) ? false : (seen.add(key), true);
      });
    return { resultType: 'vector', result };
  }
  const result = parsed
    .flatMap((p) => (p.resultType === 'matrix' ? p.result : []))
    .filter((s) => {
      const key = seriesKey(s.metric);
      return seen.has(key) ? false : (seen.add(key), true);
    });
  return { resultType: 'matrix', result };
}
