import type { CatalogQuery } from './types';
import * as fleet from './queries/fleet';

/** Every query the portal runs, by id. "Show query" and the explorers look them up here. */
export const CATALOG: ReadonlyMap<string, CatalogQuery<never, unknown>> = new Map(
  (
    [
      fleet.fleetInventory,
      fleet.upgradeStatus,
      fleet.lastUpgradeByCluster,
      ...fleet.FLEET_PROM_QUERIES,
    ] as unknown as CatalogQuery<never, unknown>[]
  ).map((q) => [q.id, q]),
);

export { fleet };
export type { CatalogQuery, QueryRequest, QueryTime, Notice, BackendKind, Layer, Persona } from './types';
