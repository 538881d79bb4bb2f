import { pluralWord } from '../format';
import { alertSeverityRank } from './alert-severity';
import { SUPPORTED_MINOR_COUNT } from './versions';
import type { ClusterHealth, HealthReason, HealthStatus, VersionSupport } from './types';

/** Thresholds of the health rollup; each reason names the one it crossed. */
export const HEALTH_THRESHOLDS = {
  /** Share of Ready nodes below which a cluster is critical. */
  nodesReadyCritical: 0.9,
  cpuWarning: 0.8,
  cpuCritical: 0.9,
  memoryWarning: 0.8,
  memoryCritical: 0.9,
  /** Crash-looping containers at or above which a cluster is critical. */
  crashLoopCritical: 10,
  /**
   * Firing alerts of these severities make a cluster critical (Azure Monitor's Sev0/Sev1, a
   * Prometheus rule's `severity="critical"`); any other severity makes it a warning. Azure's
   * recommended Kubernetes rules fire at Sev3/Sev4, yet a fired KubeNodeNotReady is still
   * something wrong, so no firing alert leaves a cluster healthy.
   */
  alertCritical: ['Sev0', 'Sev1', 'critical'] as readonly string[],
} as const;

export type WorkloadCounts = Readonly<Partial<Record<'Deployment' | 'StatefulSet' | 'DaemonSet', number>>>;
export interface WorkloadAvailability {
  down: WorkloadCounts;
  partial: WorkloadCounts;
}

export const workloadTotal = (counts: WorkloadCounts): number =>
  Object.values(counts).reduce((n, v) => n + (v ?? 0), 0);

/** "2 Deployments and 1 DaemonSet", kinds in a fixed order. */
function workloadWords(counts: WorkloadCounts): string {
  const parts = (['Deployment', 'StatefulSet', 'DaemonSet'] as const)
    .filter((k) => (counts[k] ?? 0) > 0)
    .map((k) => plural(counts[k]!, k));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
}

function workloadReasons(w: WorkloadAvailability): HealthReason[] {
  const out: HealthReason[] = [];
  const down = workloadTotal(w.down);
  if (down > 0)
    out.push({
      signal: 'workloads-down',
      severity: 'critical',
      layer: 'L3',
      value: down,
      threshold: 1,
      message: `${workloadWords(w.down)} with no replica available (critical at ≥ 1)`,
    });
  const partial = workloadTotal(w.partial);
  if (partial > 0)
    out.push({
      signal: 'workloads-partial',
      severity: 'warning',
      layer: 'L3',
      value: partial,
      threshold: 1,
      message: `${workloadWords(w.partial)} short of desired replicas (warning at ≥ 1)`,
    });
  return out;
}

export interface FiredAlertInput {
  rule: string;
  severity: string;
  /** Firing instances of this rule (Prometheus counts series); 1 when absent. */
  count?: number;
}

export interface HealthInputs {
  powerState: 'Running' | 'Stopped' | 'Unknown';
  kubernetesVersion: string;
  versionSupport: VersionSupport;
  latestMinor: number;
  /** null: the metrics source did not answer or has no series for this cluster. */
  metrics: {
    nodesReady: number;
    nodesNotReady: number;
    nodesUnknown: number;
    podsPending: number;
    podsFailed: number;
    crashLooping: number;
    cpu: number | null;
    memory: number | null;
  } | null;
  /**
   * Controllers by kind with no replica up (down) or fewer than desired (partial); null or absent
   * when the source did not say (Container insights has no desired replicas).
   */
  workloads?: WorkloadAvailability | null;
  /** Why metrics are missing, when they are. */
  noMetricsReason?: string;
  /** Alerts firing on the cluster; null or absent when the alert source did not answer. */
  alerts?: readonly FiredAlertInput[] | null;
  /** ARM's provisioningState of the cluster resource (AKS or Arc); null when not known. */
  provisioningState?: string | null;
  /** Arc-connected clusters: the agent's connectivityStatus and its last heartbeat (ISO time). */
  arc?: { connectivityStatus: string | null; lastConnectivityTime: string | null } | null;
  /** Where node CPU and memory would come from when they are missing, for the reason's words. */
  usageSource?: 'prometheus' | 'container-insights';
  /** Tagged or named as production: its problems weigh more in the order. */
  production?: boolean;
}

/** Provisioning states after an operation that did not complete. */
const PROVISIONING_FAILED = ['failed', 'canceled', 'cancelled'];
/** Provisioning states of an operation under way; one that stays so is stuck, which only its age tells. */
const PROVISIONING_IN_PROGRESS = [
  'creating',
  'updating',
  'upgrading',
  'deleting',
  'scaling',
  'migrating',
  'starting',
  'stopping',
  'provisioning',
  'accepted',
];

function provisioningReason(state: string | null | undefined): HealthReason | null {
  const s = (state ?? '').toLowerCase();
  if (PROVISIONING_FAILED.includes(s)) {
    return {
      signal: 'provisioning-state',
      severity: 'critical',
      layer: 'fleet',
      message: `Provisioning state ${state}: the last operation on the cluster resource did not complete (critical)`,
    };
  }
  if (PROVISIONING_IN_PROGRESS.includes(s)) {
    return {
      signal: 'provisioning-state',
      severity: 'warning',
      layer: 'fleet',
      message: `Provisioning state ${state}: an operation is in progress, stuck if it stays so (warning)`,
    };
  }
  return null;
}

const utcMinute = (iso: string): string => {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC` : iso;
};

function connectivityReason(arc: HealthInputs['arc']): HealthReason | null {
  const s = (arc?.connectivityStatus ?? '').toLowerCase();
  const since = arc?.lastConnectivityTime ? ` since ${utcMinute(arc.lastConnectivityTime)}` : '';
  if (s === 'offline')
    return {
      signal: 'arc-connectivity',
      severity: 'critical',
      layer: 'fleet',
      message: `Arc agent offline${since} (connectivityStatus Offline)`,
    };
  if (s === 'expired')
    return {
      signal: 'arc-connectivity',
      severity: 'critical',
      layer: 'fleet',
      message: `Arc agent offline${since}, its certificate expired: the cluster must be connected again (connectivityStatus Expired)`,
    };
  if (s === 'connecting')
    return {
      signal: 'arc-connectivity',
      severity: 'warning',
      layer: 'fleet',
      message: 'Arc agent connecting: not yet reporting to Azure (connectivityStatus Connecting)',
    };
  if (s === 'agentnotinstalled')
    return {
      signal: 'arc-connectivity',
      severity: 'critical',
      layer: 'fleet',
      message: 'Arc agent not installed (connectivityStatus AgentNotInstalled)',
    };
  return null;
}

function alertsReason(alerts: readonly FiredAlertInput[]): HealthReason | null {
  if (alerts.length === 0) return null;
  const sorted = [...alerts].sort(
    (a, b) =>
      alertSeverityRank(a.severity) - alertSeverityRank(b.severity) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
  const worst = sorted[0]!.severity || 'no severity';
  const critical = sorted.some(
    (a) => HEALTH_THRESHOLDS.alertCritical.includes(a.severity) || a.severity.toLowerCase() === 'critical',
  );
  const total = alerts.reduce((n, a) => n + (a.count ?? 1), 0);
  const rules = [...new Set(sorted.map((a) => a.rule))];
  const named = rules.slice(0, 2).join(', ') + (rules.length > 2 ? ` +${rules.length - 2}` : '');
  return {
    signal: 'alerts',
    severity: critical ? 'critical' : 'warning',
    layer: 'alerts',
    value: total,
    message: `${plural(total, 'alert')} firing, worst ${worst}: ${named} (critical at ${HEALTH_THRESHOLDS.alertCritical.join('/')}, else warning)`,
  };
}

const RANK: Record<HealthStatus, number> = { critical: 3, warning: 2, unknown: 1, healthy: 0 };

const pct = (v: number): string => `${Math.round(v * 100)}%`;
const plural = (n: number, word: string): string => `${n} ${pluralWord(n, word)}`;

function utilisationReason(
  signal: 'cpu' | 'memory',
  value: number | null,
  warning: number,
  critical: number,
): HealthReason | null {
  if (value === null) return null;
  const what = signal === 'cpu' ? 'Node CPU' : 'Node memory';
  if (value >= critical) {
    return {
      signal,
      severity: 'critical',
      layer: 'L1',
      value,
      threshold: critical,
      message: `${what} at ${pct(value)} (critical at ≥ ${pct(critical)})`,
    };
  }
  if (value >= warning) {
    return {
      signal,
      severity: 'warning',
      layer: 'L1',
      value,
      threshold: warning,
      message: `${what} at ${pct(value)} (warning at ≥ ${pct(warning)})`,
    };
  }
  return null;
}

/** The health rollup: the worst reason decides; every non-healthy status says why. */
export function rollUpHealth(input: HealthInputs): ClusterHealth {
  const reasons: HealthReason[] = [];
  const t = HEALTH_THRESHOLDS;
  const provisioning = provisioningReason(input.provisioningState);
  if (provisioning) reasons.push(provisioning);
  const connectivity = connectivityReason(input.arc);
  if (connectivity) reasons.push(connectivity);

  if (input.powerState === 'Stopped') {
    reasons.push({
      signal: 'power-state',
      severity: 'unknown',
      layer: 'fleet',
      message: 'Cluster is stopped (power state Stopped): no live signals',
    });
    // An Arc agent that is offline already says why nothing arrives: no "no metrics" besides it.
  } else if (input.metrics === null && !(connectivity && connectivity.severity === 'critical')) {
    reasons.push({
      signal: 'no-metrics',
      severity: 'unknown',
      layer: 'onboarding',
      message: input.noMetricsReason ?? 'No metrics for this cluster',
    });
  }

  const m = input.metrics;
  if (m) {
    const total = m.nodesReady + m.nodesNotReady + m.nodesUnknown;
    const notReady = m.nodesNotReady + m.nodesUnknown;
    if (notReady > 0 && total > 0) {
      const readyShare = m.nodesReady / total;
      const critical = readyShare < t.nodesReadyCritical;
      reasons.push({
        signal: 'node-readiness',
        severity: critical ? 'critical' : 'warning',
        layer: 'L1',
        value: notReady,
        threshold: critical ? t.nodesReadyCritical : 1,
        message: critical
          ? `${notReady} of ${total} nodes not Ready: ${pct(readyShare)} Ready (critical below ${pct(t.nodesReadyCritical)})`
          : `${notReady} of ${total} nodes not Ready (warning at ≥ 1)`,
      });
    }
    if (m.crashLooping > 0) {
      const critical = m.crashLooping >= t.crashLoopCritical;
      reasons.push({
        signal: 'crash-loops',
        severity: critical ? 'critical' : 'warning',
        layer: 'L3',
        value: m.crashLooping,
        threshold: critical ? t.crashLoopCritical : 1,
        message: `${plural(m.crashLooping, 'container')} in CrashLoopBackOff (${critical ? `critical at ≥ ${t.crashLoopCritical}` : 'warning at ≥ 1'})`,
      });
    }
    if (input.workloads) reasons.push(...workloadReasons(input.workloads));
    if (m.podsFailed > 0) {
      reasons.push({
        signal: 'pods-failed',
        severity: 'warning',
        layer: 'L3',
        value: m.podsFailed,
        threshold: 1,
        message: `${plural(m.podsFailed, 'pod')} Failed (warning at ≥ 1)`,
      });
    }
    if (m.podsPending > 0) {
      reasons.push({
        signal: 'pods-pending',
        severity: 'warning',
        layer: 'L3',
        value: m.podsPending,
        threshold: 1,
        message: `${plural(m.podsPending, 'pod')} Pending (warning at ≥ 1)`,
      });
    }
    for (const r of [
      utilisationReason('cpu', m.cpu, t.cpuWarning, t.cpuCritical),
      utilisationReason('memory', m.memory, t.memoryWarning, t.memoryCritical),
    ]) {
      if (r) reasons.push(r);
    }
    const missing = [m.cpu === null ? 'CPU' : null, m.memory === null ? 'memory' : null].filter(Boolean);
    if (missing.length > 0) {
      reasons.push({
        signal: 'no-usage',
        severity: 'info',
        layer: 'L1',
        message:
          input.usageSource === 'container-insights'
            ? `No node ${missing.join(' or ')} usage: Container insights reports readiness, not usage, and no node-exporter is scraped`
            : `No node ${missing.join(' or ')} usage: node-exporter is not scraped for this cluster`,
      });
    }
  }

  const fired = input.powerState === 'Stopped' || !input.alerts ? null : alertsReason(input.alerts);
  if (fired) reasons.push(fired);

  if (input.versionSupport === 'out-of-support') {
    const oldest = input.latestMinor - (SUPPORTED_MINOR_COUNT - 1);
    reasons.push({
      signal: 'version-support',
      severity: 'warning',
      layer: 'fleet',
      message: `Kubernetes ${input.kubernetesVersion} is out of support (supported: 1.${oldest}–1.${input.latestMinor})`,
    });
  }

  // A cluster without metrics is blind first: a version warning must not hide that nothing is watched.
  // Only what is known to be critical (a failed provisioning, critical alerts) ranks above it.
  const blind = reasons.some((r) => r.signal === 'no-metrics');
  const rank = (r: HealthReason): number =>
    r.severity === 'info' ? -1 : blind && r.signal === 'no-metrics' ? RANK.warning + 0.5 : RANK[r.severity];
  reasons.sort((a, b) => rank(b) - rank(a));
  const worst = reasons[0];
  const status: HealthStatus = !worst || worst.severity === 'info' ? 'healthy' : worst.severity;
  return { status, reasons, score: severityScore(input, status) };
}

const PRODUCTION = /^(prod|production|prd)$/i;
/** Production by its environment tag (`env`, `environment`, any case), else by a `prod` part of its name. */
export function isProduction(name: string, tags: Readonly<Record<string, string>>): boolean {
  const tagged = Object.entries(tags).find(([k]) => /^(env|environment)$/i.test(k));
  return tagged ? PRODUCTION.test(tagged[1].trim()) : name.split(/[-_.]/).some((part) => PRODUCTION.test(part));
}

/**
 * How bad a cluster is within its status, so the worst comes first (README, "Health rules"):
 * 100 × the share of nodes not Ready, plus 5 per workload with no replica available (at most
 * 25), plus half the crash-looping containers (at most 25), plus half the Failed pods (at most
 * 10), plus 10 when critical; × 1.5 for production.
 */
export function severityScore(input: HealthInputs, status: HealthStatus): number {
  if (status === 'healthy') return 0;
  const m = input.metrics;
  let score = 0;
  if (m) {
    const total = m.nodesReady + m.nodesNotReady + m.nodesUnknown;
    if (total > 0) score += (100 * (m.nodesNotReady + m.nodesUnknown)) / total;
    score += Math.min(m.crashLooping, 50) / 2 + Math.min(m.podsFailed, 20) / 2;
    if (input.workloads) score += Math.min(5 * workloadTotal(input.workloads.down), 25);
  }
  if (status === 'critical') score += 10;
  return Math.round((input.production ? 1.5 : 1) * score * 100) / 100;
}

export function compareHealth(a: HealthStatus, b: HealthStatus): number {
  return RANK[a] - RANK[b];
}
