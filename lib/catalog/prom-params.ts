import { z } from 'zod';
import { promAnyOf, promMatcher } from './escape';
import { labelProfileIdSchema } from './label-profiles';

/** Parameters every fleet-wide PromQL query takes. */
export const fleetPromParamsSchema = z.object({
  /** The label that names the cluster (PROMETHEUS_CLUSTER_LABEL). */
  clusterLabel: z
    .string()
    .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/)
    .default('cluster'),
  /** Restrict to these clusters; empty or absent means the whole fleet. */
  clusters: z.array(z.string().min(1).max(253)).max(5000).optional(),
  /** The label conventions of the endpoint asked; the Prometheus backend sets each endpoint's own, so the domain never names one. */
  profile: labelProfileIdSchema.optional(),
});
export type FleetPromParams = z.infer<typeof fleetPromParamsSchema>;

/** Joins fixed matchers with the optional cluster scope into `{...}`. */
export function selector(params: FleetPromParams, fixed: Record<string, string> = {}): string {
  const parts = Object.entries(fixed).map(([k, v]) => promMatcher(k, v));
  if (params.clusters && params.clusters.length > 0) parts.push(promAnyOf(params.clusterLabel, params.clusters));
  return parts.length ? `{${parts.join(', ')}}` : '';
}
