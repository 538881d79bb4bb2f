import type { CatalogQuery } from './types';
import * as fleet from './queries/fleet';
import * as promInventory from './queries/prom-inventory';
import * as azure from './queries/azure';

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
    ] as unknown as CatalogQuery<never, unknown>[]
  ).map((q) => [q.id, q]),
);

export { fleet, promInventory, azure };
export type { CatalogQuery, QueryRequest, QueryTime, Notice, BackendKind, Layer, Persona } from './types';
