import type { PromQuery } from '../../types';
import type { ClusterPromParams, SampleRow, SeriesRow } from './query-kit';
import * as nodes from './nodes';
import * as controlPlane from './control-plane';
import * as workloads from './workloads';
import * as applications from './applications';
import * as network from './network';

/**
 * PromQL of the cluster pages, L1–L5, one module per layer: one query per panel, scoped to one
 * cluster. Range queries draw charts; instant queries fill tables. Every series named here is
 * one the telemetry export writes, so the agreement test runs each against a real Prometheus.
 * This index is the `clusterProm` namespace the catalog, the panels and the demo read.
 */

export {
  clusterPromParamsSchema,
  clusterSelector,
  NODE_POOL_LABELS,
  type ClusterPromParams,
  type SampleRow,
  type SeriesRow,
} from './query-kit';
export * from './nodes';
export * from './control-plane';
export * from './workloads';
export * from './applications';
export * from './network';

/** Every query a layer module exports, in module order: exporting a query is what registers it. */
const isClusterQuery = (v: unknown): v is PromQuery<ClusterPromParams, SeriesRow | SampleRow> =>
  typeof v === 'object' &&
  v !== null &&
  (v as { kind?: unknown }).kind === 'prom' &&
  typeof (v as { build?: unknown }).build === 'function';

export const CLUSTER_PROM_QUERIES: ReadonlyArray<PromQuery<ClusterPromParams, SeriesRow | SampleRow>> = [
  nodes,
  controlPlane,
  workloads,
  applications,
  network,
].flatMap((m) => Object.values(m).filter(isClusterQuery));
