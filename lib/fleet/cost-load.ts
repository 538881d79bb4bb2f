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

/** The inventory (node pools, regions) and the Container insights cost inputs, one query each. */
export async function loadCostInputs(runner: QueryRunner, o: { now: number; teamLabel: string; window: string }): Promise<LoadedCost> {
  const instant = { kind: 'instant', at: o.now } as const;
  const [inventory, nodePools, podShapes] = await Promise.all([
    runner.run(fq.fleetInventory, {}, instant),
    runner.run(cq.costNodePools, {}, instant),
    runner.run(cq.costPodShapes, { teamLabel: o.teamLabel }, instant, o.window),
  ]);
  return {
    inputs: { inventory: inventory.ok ? inventory.rows : [], nodePools: rowsOrNull(nodePools), podShapes: rowsOrNull(podShapes) },
    notices: [inventory, nodePools, podShapes].flatMap((x) => outcomeNotices(x)),
    queries: [inventory.executed, nodePools.executed, podShapes.executed],
    generatedAt: new Date(o.now * 1000).toISOString(),
  };
}
