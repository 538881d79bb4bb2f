import { cost as cq, fleet as fq } from '../catalog';
import type { ExecutedQuery, QueryRunner } from '../sources/runner';
import type { CostInputs } from './cost';
import { outcomeNotices, rowsOrNull } from './outcomes';
import type { PanelNotice } from './types';

export interface LoadedCost {
  inputs: CostInputs;
  notices: PanelNotice[];
  queries: ExecutedQuery[];
  generatedAt: string;
}

/**
 * The inventory (node pools, regions) and the Container insights cost inputs, one query each;
 * with `only`, the one cluster of that name (its pools and pods asked by the id the inventory gives).
 */
export async function loadCostInputs(
  runner: QueryRunner,
  o: { now: number; teamLabel: string; window: string; only?: string },
): Promise<LoadedCost> {
  const instant = { kind: 'instant', at: o.now } as const;
  const inventory = runner.run(fq.fleetInventory, o.only ? { names: [o.only] } : {}, instant);
  // Unscoped, the three start together; scoped, the Log Analytics two wait for the cluster's id.
  const scope = o.only
    ? inventory.then((inv) => ({ clusterIds: inv.ok && inv.rows.length > 0 ? inv.rows.map((r) => r.id) : [] }))
    : Promise.resolve({});
  const asked = (s: { clusterIds?: string[] }): boolean => !o.only || (s.clusterIds?.length ?? 0) > 0;
  const [inv, nodePools, podShapes] = await Promise.all([
    inventory,
    scope.then((s) => (asked(s) ? runner.run(cq.costNodePools, s, instant) : null)),
    scope.then((s) =>
      asked(s) ? runner.run(cq.costPodShapes, { ...s, teamLabel: o.teamLabel }, instant, o.window) : null,
    ),
  ]);
  const outcomes = [inv, nodePools, podShapes].filter((x) => x !== null);
  return {
    inputs: {
      inventory: inv.ok ? inv.rows : [],
      nodePools: nodePools ? rowsOrNull(nodePools) : [],
      podShapes: podShapes ? rowsOrNull(podShapes) : [],
    },
    notices: outcomes.flatMap((x) => outcomeNotices(x)),
    queries: outcomes.map((x) => x.executed),
    generatedAt: new Date(o.now * 1000).toISOString(),
  };
}
