import { z } from 'zod';

/**
 * Wire shapes of the three services, validated before any parser reads them.
 * Fixtures for each live in ../shared/reference/.
 */

export class WireFormatError extends Error {
  override name = 'WireFormatError';
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
  }
}

function validate<T>(schema: z.ZodType<T>, wire: unknown, what: string): T {
  const result = schema.safeParse(wire);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new WireFormatError(`unexpected ${what} response: ${issues[0] ?? 'invalid'}`, issues);
  }
  return result.data;
}

// Resource Graph: POST /providers/Microsoft.ResourceGraph/resources (resultFormat objectArray).
// https://learn.microsoft.com/rest/api/azureresourcegraph/resourcegraph/resources/resources
export const argResponseSchema = z.object({
  totalRecords: z.number(),
  count: z.number(),
  // The service sends "true"/"false" strings; the SDK's typings say boolean. Accept both.
  resultTruncated: z.union([z.boolean(), z.enum(['true', 'false'])]),
  $skipToken: z.string().optional(),
  data: z.array(z.record(z.string(), z.unknown())),
});
export type ArgResponse = z.infer<typeof argResponseSchema>;

export function argRows(wire: unknown): Record<string, unknown>[] {
  return validate(argResponseSchema, wire, 'Resource Graph').data;
}

// Log Analytics: POST /v1/workspaces/{id}/query.
// https://learn.microsoft.com/azure/azure-monitor/logs/api/response-format
export const logsColumnSchema = z.object({ name: z.string(), type: z.string() });
export const logsTableSchema = z.object({
  name: z.string(),
  columns: z.array(logsColumnSchema),
  rows: z.array(z.array(z.unknown())),
});
export const logsResponseSchema = z.object({
  tables: z.array(logsTableSchema).min(1),
  error: z.unknown().optional(),
});
export type LogsResponse = z.infer<typeof logsResponseSchema>;

/** The primary table as objects keyed by column name. */
export function logsRows(wire: unknown): Record<string, unknown>[] {
  const { tables } = validate(logsResponseSchema, wire, 'Log Analytics');
  const table = tables.find((t) => t.name === 'PrimaryResult') ?? tables[0];
  if (!table) return [];
  const names = table.columns.map((c) => c.name);
  return table.rows.map((row) => {
    if (row.length !== names.length) {
      throw new WireFormatError(`Log Analytics row has ${row.length} cells for ${names.length} columns`);
    }
    const out: Record<string, unknown> = {};
    names.forEach((name, i) => (out[name] = row[i]));
    return out;
  });
}

// Prometheus HTTP API: /api/v1/query and /api/v1/query_range.
// https://prometheus.io/docs/prometheus/latest/querying/api/#expression-query-result-formats
const sampleSchema = z.tuple([z.number(), z.string()]);
export const promVectorSchema = z.object({
  resultType: z.literal('vector'),
  result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: sampleSchema })),
});
export const promMatrixSchema = z.object({
  resultType: z.literal('matrix'),
  result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(sampleSchema) })),
});
export const promScalarSchema = z.object({ resultType: z.literal('scalar'), result: sampleSchema });
export const promResponseSchema = z.object({
  status: z.literal('success'),
  data: z.discriminatedUnion('resultType', [promVectorSchema, promMatrixSchema, promScalarSchema]),
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
});
export type PromResponse = z.infer<typeof promResponseSchema>;
export type PromVector = z.infer<typeof promVectorSchema>;
export type PromMatrix = z.infer<typeof promMatrixSchema>;

export interface PromSample {
  labels: Record<string, string>;
  value: number;
}
export interface PromSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

/** Prometheus sends sample values as strings so that NaN and ±Inf survive JSON. */
export function parsePromNumber(text: string): number {
  if (text === 'NaN') return Number.NaN;
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  const n = Number(text);
  if (Number.isNaN(n)) throw new WireFormatError(`Prometheus sample "${text.slice(0, 20)}" is not a number`);
  return n;
}

export function promVector(wire: unknown): PromSample[] {
  const { data } = validate(promResponseSchema, wire, 'Prometheus');
  if (data.resultType !== 'vector') throw new WireFormatError(`expected a vector, got a ${data.resultType}`);
  return data.result.map((s) => ({ labels: s.metric, value: parsePromNumber(s.value[1]) }));
}

export function promMatrix(wire: unknown): PromSeries[] {
  const { data } = validate(promResponseSchema, wire, 'Prometheus');
  if (data.resultType !== 'matrix') throw new WireFormatError(`expected a matrix, got a ${data.resultType}`);
  return data.result.map((s) => ({
    labels: s.metric,
    points: s.values.map(([t, v]) => [t, parsePromNumber(v)] as [number, number]),
  }));
}
