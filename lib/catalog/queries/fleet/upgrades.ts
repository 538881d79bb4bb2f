import { z } from 'zod';
import type { LogsQuery } from '../../types';
import { logsRows } from '../../wire';
import { kqlStringList } from '../../escape';

/** Log Analytics: upgrade history from the activity log (the seed's fleet-architect query). */

const upgradeParams = z.object({
  clusterIds: z.array(z.string().min(1).max(1024)).max(1000).optional(),
});
type UpgradeParams = z.infer<typeof upgradeParams>;

const SEED_UPGRADE_QUERY = [
  'AzureActivity',
  '| where CategoryValue == "Administrative"',
  '| where OperationNameValue == "MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/WRITE"',
  '| extend properties=parse_json(Properties_d)',
  '| where properties.message == "Upgrade Succeeded"',
];

const upgradeEventSchema = z.object({
  TimeGenerated: z.string(),
  _ResourceId: z.string(),
  ResourceGroup: z.string().nullish(),
  SubscriptionId: z.string().nullish(),
  Caller: z.string().nullish(),
});
export type UpgradeEventRow = z.infer<typeof upgradeEventSchema>;

export const upgradeStatus: LogsQuery<UpgradeParams, UpgradeEventRow> = {
  id: 'logs.upgrade-status',
  kind: 'logs',
  layer: 'fleet',
  personas: ['fleet-architect'],
  title: 'Cluster upgrades',
  description: "Successful AKS upgrades recorded in the activity log, newest first (the seed's patch-status query).",
  defaultTimespan: 'P90D',
  params: upgradeParams,
  build: (p) =>
    [
      ...SEED_UPGRADE_QUERY,
      ...(p.clusterIds?.length ? [`| where _ResourceId in~ ${kqlStringList(p.clusterIds)}`] : []),
      '| project TimeGenerated, _ResourceId, ResourceGroup, SubscriptionId, Caller',
      '| order by TimeGenerated desc',
    ].join('\n'),
  parse: (wire) => logsRows(wire).map((row) => upgradeEventSchema.parse(row)),
};

const lastUpgradeSchema = z.object({
  ResourceId: z.string(),
  LastUpgrade: z.string(),
  Upgrades: z.number(),
});
export type LastUpgradeRow = z.infer<typeof lastUpgradeSchema>;

export const lastUpgradeByCluster: LogsQuery<UpgradeParams, LastUpgradeRow> = {
  id: 'logs.last-upgrade-by-cluster',
  kind: 'logs',
  layer: 'fleet',
  personas: ['fleet-architect'],
  title: 'Last successful upgrade per cluster',
  description: "The seed's upgrade query summarised to one row per cluster: when it was last upgraded, and how often.",
  defaultTimespan: 'P90D',
  params: upgradeParams,
  build: (p) =>
    [
      ...SEED_UPGRADE_QUERY,
      ...(p.clusterIds?.length ? [`| where _ResourceId in~ ${kqlStringList(p.clusterIds)}`] : []),
      '| summarize LastUpgrade = max(TimeGenerated), Upgrades = count() by ResourceId = tolower(_ResourceId)',
    ].join('\n'),
  parse: (wire) => logsRows(wire).map((row) => lastUpgradeSchema.parse(row)),
};
