import type {
  ArcExtensionRow,
  GrafanaRow,
  OnboardingClusterRow,
  PrometheusRuleGroupRow,
} from '../catalog/queries/onboarding';
import { ARC_EXTENSIONS } from '../catalog/queries/onboarding';
import type { DiagnosticSetting } from '../catalog/queries/rest';
import type { CapabilityId, CellStatus, OnboardingCell, OnboardingInputs } from './onboarding';
import {
  ACTIVITY_CATEGORIES,
  AKS_LA_CATEGORIES,
  arcTarget,
  currentCollectionSettings,
  dataCollectionSettingsJson,
  diagnosticsCommand,
  SETTING_AUDIT,
  SETTING_CONTROL_PLANE,
  shellWord,
  target,
  withCostPreset,
  withV2,
  type CollectionSettings,
  type DiagCategory,
} from './onboarding-fixes';

/** Each cluster's cell per capability, read from its inputs; the subscription's usual workspace, account and storage fill in what a fix needs. */

export interface Context {
  inputs: OnboardingInputs;
  accountOfCluster: Map<string, string>;
  defaultAccountBySub: Map<string, string>;
  workspaceBySub: Map<string, string>;
  storageBySub: Map<string, string>;
  grafanaBySub: Map<string, GrafanaRow>;
  linkedAccounts: Set<string>;
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

export function buildContext(inputs: OnboardingInputs): Context {
  const dcrToAccount = new Map((inputs.dcrDestinations ?? []).map((d) => [d.id.toLowerCase(), d.accountResourceId]));
  const accountOfCluster = new Map<string, string>();
  for (const a of inputs.dcrAssociations ?? []) {
    const account = dcrToAccount.get(a.dataCollectionRuleId.toLowerCase());
    if (account) accountOfCluster.set(a.clusterId.toLowerCase(), account);
  }
  const subOf = (id: string): string => (id.split('/')[2] ?? '').toLowerCase();
  const defaultAccountBySub = new Map<string, string>();
  for (const [sub, list] of groupBy([...accountOfCluster.values()], subOf)) {
    const best = mostCommon(list);
    if (best) defaultAccountBySub.set(sub, best);
  }
  const workspaceBySub = new Map<string, string>();
  const wsList = inputs.clusters.flatMap((c) => (c.containerInsightsWorkspace ? [c.containerInsightsWorkspace] : []));
  for (const ext of inputs.arcExtensions ?? []) if (ext.workspaceResourceId) wsList.push(ext.workspaceResourceId);
  for (const [sub, list] of groupBy(wsList, subOf)) {
    const best = mostCommon(list);
    if (best) workspaceBySub.set(sub, best);
  }
  const storageBySub = new Map<string, string>();
  for (const result of inputs.diagnostics.values()) {
    if (!result.ok) continue;
    for (const s of result.settings)
      if (s.storageAccountId && !storageBySub.has(subOf(s.storageAccountId)))
        storageBySub.set(subOf(s.storageAccountId), s.storageAccountId);
  }
  const grafanaBySub = new Map<string, GrafanaRow>();
  for (const g of inputs.grafanas ?? [])
    if (!grafanaBySub.has(g.subscriptionId.toLowerCase())) grafanaBySub.set(g.subscriptionId.toLowerCase(), g);
  const linkedAccounts = new Set((inputs.grafanas ?? []).flatMap((g) => g.monitorWorkspaces));
  return { inputs, accountOfCluster, defaultAccountBySub, workspaceBySub, storageBySub, grafanaBySub, linkedAccounts };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

const cell = (
  capability: CapabilityId,
  status: CellStatus,
  detail: string,
  fix: string | null = null,
): OnboardingCell => ({ capability, status, detail, fix });

/** The workspace for a cluster's logs: its own Container insights workspace, else its subscription's usual one. */
function workspaceFor(ctx: Context, c: OnboardingClusterRow, arcWorkspace: string | null): string | null {
  return c.containerInsightsWorkspace ?? arcWorkspace ?? ctx.workspaceBySub.get(c.subscriptionId.toLowerCase()) ?? null;
}
function accountFor(ctx: Context, c: OnboardingClusterRow): string | null {
  return (
    ctx.accountOfCluster.get(c.id.toLowerCase()) ?? ctx.defaultAccountBySub.get(c.subscriptionId.toLowerCase()) ?? null
  );
}

function enabledCategories(settings: DiagnosticSetting[]): Map<string, DiagnosticSetting[]> {
  const out = new Map<string, DiagnosticSetting[]>();
  // Category names compare case-insensitively, as ARM does ("kube-apiserver", "group:allLogs").
  for (const s of settings)
    for (const cat of s.enabledCategories) out.set(cat.toLowerCase(), [...(out.get(cat.toLowerCase()) ?? []), s]);
  return out;
}

export function clusterCells(ctx: Context, c: OnboardingClusterRow): OnboardingCell[] {
  const { inputs } = ctx;
  const aks = c.clusterKind === 'aks';
  const id = c.id.toLowerCase();
  const stopped = c.powerState === 'Stopped';
  const exts = (inputs.arcExtensions ?? []).filter((e) => e.clusterId.toLowerCase() === id);
  const arcExt = (type: string): ArcExtensionRow | undefined =>
    exts.find((e) => e.extensionType.toLowerCase() === type);
  const arcWorkspace = arcExt(ARC_EXTENSIONS.containerInsights)?.workspaceResourceId ?? null;
  const workspace = workspaceFor(ctx, c, arcWorkspace);
  const account = accountFor(ctx, c);
  const wsFlag = workspace ? ` --workspace-resource-id ${shellWord(workspace)}` : '';
  const cells: OnboardingCell[] = [];
  const silence = `no data in the last ${inputs.silenceMinutes} min`;
  const startFix = stopped ? `az aks start ${target(c)}` : null;

  // Managed Prometheus.
  // AKS: a documented absent azureMonitorProfile means never enabled, i.e. off (the query says false).
  const promOn = aks
    ? (c.managedPrometheusEnabled ?? false)
    : inputs.arcExtensions
      ? Boolean(arcExt(ARC_EXTENSIONS.managedPrometheus))
      : null;
  const promFix = aks
    ? `az aks update --enable-azure-monitor-metrics ${target(c)}${account ? ` --azure-monitor-workspace-resource-id ${shellWord(account)}` : ''}`
    : `az k8s-extension create --name azuremonitor-metrics ${arcTarget(c)} --extension-type Microsoft.AzureMonitor.Containers.Metrics${account ? ` --configuration-settings azure-monitor-workspace-resource-id=${shellWord(account)}` : ''}`;
  if (promOn === null) cells.push(cell('managed-prometheus', 'unknown', 'extension list unavailable'));
  else if (!promOn)
    cells.push(
      cell(
        'managed-prometheus',
        'gap',
        aks ? 'managed Prometheus is off (azureMonitorProfile.metrics not enabled)' : 'metrics extension missing',
        promFix,
      ),
    );
  else if (inputs.metricsSeen && !inputs.metricsSeen.has(c.name)) {
    cells.push(
      cell(
        'managed-prometheus',
        'silent',
        stopped
          ? `${silence}: the cluster is stopped`
          : `${silence}: check the ama-metrics pods and the data collection rule association`,
        startFix ?? `kubectl --context ${shellWord(c.name)} -n kube-system rollout restart deployment/ama-metrics`,
      ),
    );
  } else
    cells.push(
      cell('managed-prometheus', 'ok', account ? `sends to ${account.split('/').at(-1) ?? account}` : 'enabled'),
    );

  // Container insights.
  const ciOn = aks
    ? (c.containerInsightsEnabled ?? false)
    : inputs.arcExtensions
      ? Boolean(arcExt(ARC_EXTENSIONS.containerInsights))
      : null;
  const wsAccess = workspace ? inputs.unreadableWorkspaces?.get(workspace.toLowerCase()) : undefined;
  const wsName = workspace ? (workspace.split('/').at(-1) ?? workspace) : '';
  const ciFix = aks
    ? `az aks enable-addons --addons monitoring ${target(c)}${wsFlag}`
    : `az k8s-extension create --name azuremonitor-containers ${arcTarget(c)} --extension-type Microsoft.AzureMonitor.Containers${workspace ? ` --configuration-settings logAnalyticsWorkspaceResourceID=${shellWord(workspace)}` : ''}`;
  if (ciOn === null) cells.push(cell('container-insights', 'unknown', 'extension list unavailable'));
  else if (!ciOn) cells.push(cell('container-insights', 'gap', 'monitoring add-on is off', ciFix));
  // A workspace the portal may not read says nothing about the agent: unknown, with the role it needs.
  else if (wsAccess === 'forbidden')
    cells.push(cell('container-insights', 'unknown', `cannot read (needs Log Analytics Reader on ${wsName})`));
  else if (wsAccess === 'not-visible')
    cells.push(
      cell('container-insights', 'unknown', `cannot see workspace ${wsName} (needs Reader on its subscription)`),
    );
  else if (inputs.logsSeen && !inputs.logsSeen.has(id)) {
    cells.push(
      cell(
        'container-insights',
        'silent',
        stopped ? `${silence}: the cluster is stopped` : `${silence}: check the ama-logs pods`,
        startFix ?? `kubectl --context ${shellWord(c.name)} -n kube-system rollout restart daemonset/ama-logs`,
      ),
    );
  } else
    cells.push(
      cell('container-insights', 'ok', workspace ? `to ${workspace.split('/').at(-1) ?? workspace}` : 'enabled'),
    );

  // ContainerLogV2 and cost presets live in the Container insights DCR.
  const settings = inputs.ciSettings?.find((s) => s.clusterId.toLowerCase() === id) ?? null;
  const dcsFile = 'dataCollectionSettings.json';
  const current = currentCollectionSettings(settings);
  const dcsFix = (next: CollectionSettings): string =>
    `cat > ${dcsFile} <<'EOF'\n${dataCollectionSettingsJson(next)}\nEOF\n${aks ? `az aks enable-addons --addons monitoring ${target(c)}${wsFlag} --data-collection-settings ${dcsFile}` : `${ciFix} --configuration-settings dataCollectionSettings=@${dcsFile}`}`;
  const hasV2 = current.enableContainerLogV2;
  const hasCost = settings
    ? (settings.interval !== null && settings.interval !== '1m') || (settings.namespaceFilteringMode ?? 'Off') !== 'Off'
    : false;
  if (!ciOn) {
    cells.push(cell('container-log-v2', 'n/a', 'needs Container insights'));
    cells.push(cell('cost-optimized', 'n/a', 'needs Container insights'));
  } else if (inputs.ciSettings === null) {
    cells.push(cell('container-log-v2', 'unknown', 'collection rules unavailable'));
    cells.push(cell('cost-optimized', 'unknown', 'collection rules unavailable'));
  } else {
    const v2How = settings?.enableContainerLogV2
      ? 'enableContainerLogV2 in the collection rule'
      : 'Microsoft-ContainerLogV2 stream';
    cells.push(
      hasV2
        ? cell('container-log-v2', 'ok', v2How)
        : cell(
            'container-log-v2',
            'gap',
            settings ? 'collects the legacy ContainerLog table' : 'no Container insights rule found',
            dcsFix(withV2(current)),
          ),
    );
    cells.push(
      hasCost
        ? cell(
            'cost-optimized',
            'ok',
            `interval ${settings?.interval ?? '?'}, namespaces ${settings?.namespaceFilteringMode ?? 'Off'}`,
          )
        : cell('cost-optimized', 'gap', 'collects everything every minute', dcsFix(withCostPreset(current))),
    );
  }

  // Activity log: a subscription-level diagnostic setting.
  const sub = inputs.diagnostics.get(`/subscriptions/${c.subscriptionId.toLowerCase()}`);
  if (!sub || !sub.ok) cells.push(cell('activity-log', 'unknown', sub && !sub.ok ? sub.error.message : 'not read'));
  else {
    const toLa = sub.settings.filter(
      (s) => s.workspaceId && s.enabledCategories.some((x) => /^(administrative|group:alllogs)$/i.test(x)),
    );
    // Read-modify-write: `subscription create` replaces a setting of the same name, so its categories and storage stay.
    const same = sub.settings.find((s) => s.name.toLowerCase() === 'fleetwatch-activity-log');
    const logs = JSON.stringify(
      [...new Set([...(same?.enabledCategories ?? []), ...ACTIVITY_CATEGORIES])].map((category) =>
        category.startsWith('group:')
          ? { categoryGroup: category.slice(6), enabled: true }
          : { category, enabled: true },
      ),
    );
    const keep = same?.storageAccountId ? ` --storage-account ${shellWord(same.storageAccountId)}` : '';
    cells.push(
      toLa.length
        ? cell('activity-log', 'ok', `setting ${toLa[0]?.name ?? ''}`)
        : cell(
            'activity-log',
            'gap',
            'subscription activity log not sent to a workspace',
            `az monitor diagnostic-settings subscription create --name fleetwatch-activity-log --location ${shellWord(c.location)} --subscription ${shellWord(c.subscriptionId)} --workspace ${workspace ? shellWord(workspace) : '"$LOG_ANALYTICS_WORKSPACE_ID"'}${keep} --logs ${shellWord(logs)}`,
          ),
    );
  }

  // Control-plane diagnostic categories, following the seed's table.
  const diag = inputs.diagnostics.get(id);
  const diagCaps: Array<[CapabilityId, DiagCategory]> = [
    ['diag-kube-apiserver', 'kube-apiserver'],
    ['diag-kube-audit', 'kube-audit'],
    ['diag-kube-audit-admin', 'kube-audit-admin'],
    ['diag-kube-controller-manager', 'kube-controller-manager'],
    ['diag-cluster-autoscaler', 'cluster-autoscaler'],
    ['diag-guard', 'guard'],
  ];
  if (!aks) {
    for (const [cap] of diagCaps) cells.push(cell(cap, 'n/a', 'Arc clusters have no AKS control-plane logs'));
  } else if (!diag || !diag.ok) {
    for (const [cap] of diagCaps) cells.push(cell(cap, 'unknown', diag && !diag.ok ? diag.error.message : 'not read'));
  } else {
    const on = enabledCategories(diag.settings);
    const applies = (cat: DiagCategory): boolean =>
      cat === 'cluster-autoscaler' ? c.autoscalePools > 0 : cat === 'guard' ? c.entraIntegration === true : true;
    const toWorkspace = (cat: string): boolean =>
      (on.get(cat) ?? []).some((s) => s.workspaceId) || (on.get('group:alllogs') ?? []).some((s) => s.workspaceId);
    // One idempotent setting for every workspace category: what is on today plus what is missing.
    const laWanted = AKS_LA_CATEGORIES.filter((cat) => applies(cat));
    const laFix = diagnosticsCommand(
      c,
      SETTING_CONTROL_PLANE,
      laWanted,
      { workspace: workspace ?? '"$LOG_ANALYTICS_WORKSPACE_ID"' },
      diag.settings,
    );
    const storage = ctx.storageBySub.get(c.subscriptionId.toLowerCase());
    const auditFix = diagnosticsCommand(
      c,
      SETTING_AUDIT,
      ['kube-audit'],
      { storage: storage ?? '"$AUDIT_STORAGE_ACCOUNT_ID"' },
      diag.settings,
    );
    for (const [cap, cat] of diagCaps) {
      if (!applies(cat)) {
        cells.push(cell(cap, 'n/a', cat === 'guard' ? 'Entra ID integration is off' : 'no node pool autoscales'));
        continue;
      }
      if (cat === 'kube-audit') {
        const sinks = on.get('kube-audit') ?? [];
        if (sinks.some((s) => s.storageAccountId)) cells.push(cell(cap, 'ok', 'to storage'));
        else if (sinks.length)
          cells.push(cell(cap, 'gap', 'sent to a workspace only: costly; the guide keeps audit in storage', auditFix));
        else cells.push(cell(cap, 'gap', 'not collected', auditFix));
        continue;
      }
      cells.push(
        toWorkspace(cat)
          ? cell(cap, 'ok', 'to Log Analytics')
          : cell(cap, 'gap', 'not collected to a workspace', laFix),
      );
    }
  }

  // Grafana linked to the cluster's Azure Monitor workspace.
  if (!promOn) cells.push(cell('grafana', 'n/a', 'needs managed Prometheus'));
  else if (inputs.grafanas === null || !account)
    cells.push(
      cell(
        'grafana',
        'unknown',
        inputs.grafanas === null ? 'Grafana list unavailable' : 'Azure Monitor workspace not found',
      ),
    );
  else if (ctx.linkedAccounts.has(account.toLowerCase())) cells.push(cell('grafana', 'ok', 'workspace linked'));
  else {
    const g = ctx.grafanaBySub.get(c.subscriptionId.toLowerCase()) ?? inputs.grafanas[0];
    // Linking is done on the Grafana side for AKS too: `az aks update --enable-azure-monitor-metrics`
    // would rewrite the cluster's metrics profile (kube-state-metrics allow-lists) to get there.
    const fix = `az grafana integrations monitor add --name ${g ? shellWord(g.name) : '"$GRAFANA_NAME"'} --resource-group ${g ? shellWord(g.resourceGroup) : '"$GRAFANA_RESOURCE_GROUP"'} --monitor-name ${shellWord(account.split('/').at(-1) ?? account)} --monitor-resource-group-name ${shellWord(account.split('/')[4] ?? '')}`;
    cells.push(cell('grafana', 'gap', 'Azure Monitor workspace not linked to Grafana', fix));
  }

  // Recommended Prometheus alert rule groups (Default_recommendedMetricAlerts.json).
  if (!promOn) cells.push(cell('recommended-alerts', 'n/a', 'needs managed Prometheus'));
  else if (inputs.ruleGroups === null) cells.push(cell('recommended-alerts', 'unknown', 'rule groups unavailable'));
  else {
    const coverage = recommendedCoverage(c, inputs.ruleGroups);
    const deploy = `az deployment group create --resource-group ${shellWord(c.resourceGroup)} --subscription ${shellWord(c.subscriptionId)} --template-file recommended-metric-alerts.json --parameters clusterResourceId=${shellWord(c.id)} azureMonitorWorkspaceResourceId=${account ? shellWord(account) : '"$AZURE_MONITOR_WORKSPACE_ID"'} location=${shellWord(c.location)} actionGroupResourceId="$ACTION_GROUP_ID"`;
    // Groups that exist are switched on where they are, never redeployed: the template would
    // rewrite their rules, dropping any the team added.
    const enable = coverage.groups
      .filter((g) => g.present && !g.enabled)
      .flatMap((g) =>
        g.id ? [`az alerts-management prometheus-rule-group update --ids ${shellWord(g.id)} --enabled true`] : [],
      );
    const missing = coverage.groups.filter((g) => !g.present).length;
    if (coverage.enabled === RECOMMENDED_GROUPS.length)
      cells.push(cell('recommended-alerts', 'ok', 'all 3 groups enabled'));
    else if (coverage.present === 0) cells.push(cell('recommended-alerts', 'gap', 'no recommended rule group', deploy));
    else
      cells.push(
        cell(
          'recommended-alerts',
          'gap',
          `${coverage.enabled} of 3 groups enabled${missing ? `, ${missing} missing (deploy them from recommended-metric-alerts.json without the existing ones)` : ''}`,
          enable.length ? enable.join('\n') : null,
        ),
      );
  }

  // AKS-only profiles.
  const profile = (
    cap: CapabilityId,
    value: boolean | null,
    okText: string,
    gapText: string,
    fix: string,
  ): OnboardingCell => (value ? cell(cap, 'ok', okText) : cell(cap, 'gap', gapText, fix));
  if (aks) {
    cells.push(
      profile(
        'network-observability',
        c.networkObservability,
        'ACNS observability on',
        'Advanced Container Networking observability is off',
        `az aks update --enable-acns ${target(c)}`,
      ),
    );
    cells.push(
      profile(
        'cost-analysis',
        c.costAnalysis,
        'cost analysis on',
        'cost analysis add-on is off',
        `az aks update --enable-cost-analysis ${target(c)}`,
      ),
    );
    cells.push(
      profile(
        'defender',
        c.defender,
        'Defender sensor on',
        'Defender for Containers is off',
        `az aks update --enable-defender ${target(c)}`,
      ),
    );
  } else {
    cells.push(cell('network-observability', 'n/a', 'AKS only'));
    cells.push(cell('cost-analysis', 'n/a', 'AKS only'));
    const d = inputs.arcExtensions === null ? null : Boolean(arcExt(ARC_EXTENSIONS.defender));
    cells.push(
      d === null
        ? cell('defender', 'unknown', 'extension list unavailable')
        : profile(
            'defender',
            d,
            'Defender extension installed',
            'Defender extension missing',
            `az k8s-extension create --name microsoft.azuredefender.kubernetes ${arcTarget(c)} --extension-type microsoft.azuredefender.kubernetes`,
          ),
    );
  }
  return cells;
}

export const RECOMMENDED_GROUPS = ['Cluster-level', 'Node-level', 'Pod-level'] as const;

/** Which of the three recommended groups exist for a cluster, scoped to it, and enabled. */
export function recommendedCoverage(
  c: { id: string; name: string },
  groups: readonly PrometheusRuleGroupRow[],
): {
  present: number;
  enabled: number;
  groups: Array<{ level: string; present: boolean; enabled: boolean; id?: string }>;
} {
  const id = c.id.toLowerCase();
  const mine = groups.filter(
    (g) => g.scopes.includes(id) || (g.clusterName ?? '').toLowerCase() === c.name.toLowerCase(),
  );
  const levels = RECOMMENDED_GROUPS.map((level) => {
    const g = mine.find(
      (r) => r.name.toLowerCase() === `kubernetesalert-recommendedmetricalerts${c.name}-${level}`.toLowerCase(),
    );
    return { level, present: Boolean(g), enabled: Boolean(g?.enabled), ...(g ? { id: g.id } : {}) };
  });
  return {
    present: levels.filter((l) => l.present).length,
    enabled: levels.filter((l) => l.enabled).length,
    groups: levels,
  };
}
