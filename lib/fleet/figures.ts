/**
 * One name and one definition per figure the portal shows, so the same number reads the same
 * on every page and two different numbers never share a name (README, "Figures"). Components
 * take their labels from here; `lib/server/figures.test.ts` checks the values agree across views.
 */
export interface FigureName {
  label: string;
  definition: string;
}

/** Node utilisation, read from node-exporter: the whole machine, kubelet and system daemons included. */
export const NODE_FIGURES = {
  cpuBusy: {
    label: 'Node CPU busy',
    definition: 'share of node CPU time not idle over the last 5 minutes, every CPU of every node (node-exporter)',
  },
  memoryInUse: {
    label: 'Node memory in use',
    definition: '1 − MemAvailable ÷ MemTotal summed over the nodes (node-exporter)',
  },
} as const satisfies Record<string, FigureName>;

/** What pods ask for and use, against what a pool's nodes hold (capacity). */
export const POD_FIGURES = {
  requested: {
    label: 'requested',
    definition: 'container requests of Pending and Running pods ÷ the nodes’ capacity',
  },
  used: {
    label: 'used by pods',
    definition:
      'container usage (cAdvisor) ÷ the nodes’ capacity; lower than node busy time, which counts system daemons',
  },
  overcommitted: {
    label: 'overcommitted',
    definition: 'requests above the nodes’ capacity: more than a scheduler can place',
  },
} as const satisfies Record<string, FigureName>;

export const COST_FIGURES = {
  nodeCost: {
    label: 'Node cost',
    definition: 'what the nodes cost over the range at list prices; unpriced pools are left out and counted',
  },
  allocated: {
    label: 'Allocated',
    definition: 'node cost charged to pods by max(request, usage), CPU and memory priced apart (OpenCost’s method)',
  },
  idle: {
    label: 'Idle',
    definition: 'node cost no pod requested or used',
  },
} as const satisfies Record<string, FigureName>;
