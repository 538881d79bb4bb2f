import type { CatalogQuery } from './types';
import * as fleet from './queries/fleet';
import * as promInventory from './queries/prom-inventory';
import * as azure from './queries/azure';
import * as onboarding from './queries/onboarding';
import * as cost from './queries/cost';
import * as costProm from './queries/cost-prom';
import * as alerts from './queries/alerts';
import * as clusterProm from './queries/cluster-prom';
import * as clusterLogs from './queries/cluster-logs';
import * as rest from './queries/rest';

/** Every query the portal runs, by id. "Show query" and the explorers look them up here. */
export const CATALOG: ReadonlyMap<string, CatalogQuery<never, unknown>> = new Map(
  (
    [
      fleet.fleetInventory,
      fleet.upgradeStatus,
      fleet.lastUpgradeByCluster,
      ...fleet.FLEET_PROM_QUERIES,
      promInventory.promFleetInventory,
      ...azure.AZURE_QUERIES,
      ...onboarding.ONBOARDING_QUERIES,
      ...cost.COST_QUERIES,
      ...costProm.COST_PROM_QUERIES,
      ...alerts.ALERT_QUERIES,
      ...clusterProm.CLUSTER_PROM_QUERIES,
      ...clusterLogs.CLUSTER_LOGS_QUERIES,
      ...rest.REST_QUERIES,
    ] as unknown as CatalogQuery<never, unknown>[]
  ).map((q) => [q.id, q]),
);

export { fleet, promInventory, azure, onboarding, cost, costProm, alerts, clusterProm, clusterLogs, rest };
export type {
  ArmQuery,
  PricesQuery,
  CatalogQuery,
  QueryRequest,
  QueryTime,
  Notice,
  BackendKind,
  Layer,
  Persona,
} from './types';
