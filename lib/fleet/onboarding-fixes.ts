import type { ContainerInsightsSettingsRow, OnboardingClusterRow } from '../catalog/queries/onboarding';
import type { DiagnosticSetting } from '../catalog/queries/rest';

/** The az CLI and kubectl commands that close onboarding gaps, and the collection settings they write. */

/** A value as one shell word: bare when safe, else single-quoted (POSIX sh). */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_\-./:=@,+]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export const AKS_LA_CATEGORIES = [
  'kube-apiserver',
  'kube-audit-admin',
  'kube-controller-manager',
  'cluster-autoscaler',
  'guard',
] as const;
export type DiagCategory =
  'kube-apiserver' | 'kube-audit' | 'kube-audit-admin' | 'kube-controller-manager' | 'cluster-autoscaler' | 'guard';
export const ACTIVITY_CATEGORIES = [
  'Administrative',
  'Security',
  'ServiceHealth',
  'Alert',
  'Recommendation',
  'Policy',
  'Autoscale',
  'ResourceHealth',
];
export const SETTING_CONTROL_PLANE = 'fleetwatch-control-plane';
export const SETTING_AUDIT = 'fleetwatch-audit-storage';

export function target(c: OnboardingClusterRow): string {
  return `--name ${shellWord(c.name)} --resource-group ${shellWord(c.resourceGroup)} --subscription ${shellWord(c.subscriptionId)}`;
}
export function arcTarget(c: OnboardingClusterRow): string {
  return `--cluster-name ${shellWord(c.name)} --resource-group ${shellWord(c.resourceGroup)} --cluster-type connectedClusters --subscription ${shellWord(c.subscriptionId)}`;
}

/**
 * `az monitor diagnostic-settings create` replaces a setting of the same name: read-modify-write,
 * so the command keeps every category and destination that setting has today and adds the rest.
 */
export function diagnosticsCommand(
  c: OnboardingClusterRow,
  name: string,
  categories: readonly string[],
  destination: { workspace?: string; storage?: string },
  existing: readonly DiagnosticSetting[],
): string {
  const same = existing.find((s) => s.name.toLowerCase() === name.toLowerCase());
  const all = [...new Set([...(same?.enabledCategories ?? []), ...categories])];
  const logs = JSON.stringify(
    all.map((category) =>
      category.startsWith('group:') ? { categoryGroup: category.slice(6), enabled: true } : { category, enabled: true },
    ),
  );
  const workspace = same?.workspaceId ?? destination.workspace;
  const storage = same?.storageAccountId ?? destination.storage;
  const dest = [
    workspace ? `--workspace ${workspace.startsWith('"$') ? workspace : shellWord(workspace)}` : '',
    storage ? `--storage-account ${storage.startsWith('"$') ? storage : shellWord(storage)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `az monitor diagnostic-settings create --name ${name} --resource ${shellWord(c.id)} ${dest} --logs ${shellWord(logs)}`;
}

/** Container insights data collection settings as the DCR has them today (kql reads them lower-cased). */
export interface CollectionSettings {
  interval: string;
  namespaceFilteringMode: string;
  namespaces: string[];
  enableContainerLogV2: boolean;
  streams: string[] | null;
}

/** The rule writes ContainerLogV2: by its enableContainerLogV2 setting or an explicit V2 stream. */
export function writesContainerLogV2(settings: ContainerInsightsSettingsRow | null): boolean {
  if (!settings) return false;
  return (
    settings.enableContainerLogV2 === true ||
    settings.streams.some((s) => /^microsoft-containerlogv2(-highscale)?$/i.test(s))
  );
}

export function currentCollectionSettings(settings: ContainerInsightsSettingsRow | null): CollectionSettings {
  return {
    interval: settings?.interval ?? '1m',
    namespaceFilteringMode: settings?.namespaceFilteringMode ?? 'Off',
    namespaces: settings?.namespaces ?? [],
    enableContainerLogV2: writesContainerLogV2(settings),
    streams: settings && settings.streams.length ? settings.streams : null,
  };
}

/** Read-modify-write: the current settings with only the change asked for; nothing that is on is turned off. */
export function withV2(current: CollectionSettings): CollectionSettings {
  // An explicit legacy ContainerLog stream moves to its V2 table; every other stream stays.
  const streams = current.streams
    ? [...new Set(current.streams.map((s) => (/^microsoft-containerlog$/i.test(s) ? 'Microsoft-ContainerLogV2' : s)))]
    : null;
  return { ...current, enableContainerLogV2: true, streams };
}
export function withCostPreset(current: CollectionSettings): CollectionSettings {
  const slower = /^([1-9]\d*)m$/.exec(current.interval);
  return {
    ...current,
    // The seed's cost-optimised preset: 5-minute interval and system namespaces excluded; a
    // longer interval or an existing namespace filter is kept as it is.
    interval: slower && Number(slower[1]) >= 5 ? current.interval : '5m',
    namespaceFilteringMode: current.namespaceFilteringMode === 'Off' ? 'Exclude' : current.namespaceFilteringMode,
    namespaces: current.namespaceFilteringMode === 'Off' ? ['kube-system', 'gatekeeper-system'] : current.namespaces,
  };
}

/** The dataCollectionSettings file body of a fix (az aks enable-addons --data-collection-settings). */
export function dataCollectionSettingsJson(s: CollectionSettings): string {
  return JSON.stringify({
    interval: s.interval,
    namespaceFilteringMode: s.namespaceFilteringMode,
    namespaces: s.namespaces,
    enableContainerLogV2: s.enableContainerLogV2,
    ...(s.streams ? { streams: s.streams } : {}),
  });
}
