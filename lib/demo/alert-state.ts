import { RECOMMENDED_RULES, type RecommendedRule } from '../fleet/recommended-rules';
import type { DemoCluster, DemoWorkload } from './fleet-model';
import { jobFailed } from './job-telemetry';
import { UNREACHABLE_TAINT } from './node-taints';
import { nodeTaints } from './node-triage';
import { podsOf, type DemoPod } from './pods';
import { CRASHLOOP_PERIOD, crashLoopSince } from './signals';
import { crashReason } from './workload-resources';
import { daemonSetReady, podReady } from './workload-telemetry';

/**
 * Which of Azure's recommended Prometheus alert rules
 * (../shared/reference/azure-prometheus/DERIVED.recommendedMetricAlerts.prometheus-rules.yaml)
 * fire on a demo cluster, read from the model with the functions its telemetry exports: one
 * alert per series the rule's expression leaves (per node, pod, controller, workload or
 * namespace), labelled as that series is (cluster aside). The demo's Azure Monitor alerts
 * (onboarding-answers.ts) are these; alert-state.integration.test.ts has a real Prometheus
 * evaluate the rules file over the exported metrics and fire the same set.
 *
 * Rules the model gives nothing to match (each never fires in the demo):
 * - KubeNodeReadinessFlapping: a node's Ready condition never changes.
 * - KubeNodeDiskUsageHigh: root filesystems stay 18–53 % full (signals.ts rootFsUsed).
 * - KubeDaemonSetMisScheduled: no DaemonSet pod runs where it should not.
 * - KubePodFailedState: its expression reads kube_pod_status_phase{phase="failed"}, and
 *   kube-state-metrics writes the phase capitalised ("Failed"), so it matches no series of any
 *   cluster; the demo's failed Job pods do not fire it either.
 * - KubeStatefulSetGenerationMismatch: every controller has observed its generation.
 * - KubeContainerAverageCPUHigh: cAdvisor's container_spec_cpu_quota is not exported (and
 *   containers use 15–45 % of their request, under their limit of twice it).
 * - KubeContainerAverageMemoryHigh: working sets stay at 50–70 % of the request, at or under the limit.
 * - KubeletPodStartUpLatencyHigh: pod syncs take ~40 ms, the rule wants a p99 over 60 s.
 * - KubeClientErrors: rest_client_requests_total is not exported.
 * - KubeCPUQuotaOvercommit, KubeMemoryQuotaOvercommit, KubeQuotaAlmostFull: no namespace has a ResourceQuota.
 * - KubePersistentVolumeFillingUp, …InodesFillingUp, …Errors, KubePVUsageHigh: no volumes are modelled.
 * - KubeHpaReplicasMismatch, KubeHpaMaxedOut: no HorizontalPodAutoscalers are modelled.
 * Ready=False nodes carry the not-ready taint, which no recommended rule reads: KubeNodeUnreachable
 * fires for Ready=Unknown nodes only (the set has no KubeNodeNotReady, unlike kubernetes-mixin).
 */

export interface DemoFiringAlert {
  rule: RecommendedRule;
  /** The labels identifying the firing series, as the rule's expression leaves them (cluster aside). */
  labels: Record<string, string>;
  /** The expression's value, or null where it depends on the evaluation instant (increase over 1h). */
  value: number | null;
  /** Unix seconds at which the expression began to hold. */
  conditionSince: number;
  /** Unix seconds at which the alert fired: conditionSince plus the rule's `for`. */
  since: number;
}

const RULES = new Map(RECOMMENDED_RULES.map((r) => [r.alert, r]));

/** Seconds of a Prometheus duration such as 15m or 1h30m. */
export function durationSeconds(text: string): number {
  const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
  const parts = [...text.matchAll(/(\d+)([smhd])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw new Error(`not a duration: ${text}`);
  return parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT[p[2] as string] as number), 0);
}

/**
 * When a pod stopped being Ready: a crash loop's start, a Pending pod's creation, or for a
 * DaemonSet pod held on a node that is not Ready, the node's (its condition holds since boot in
 * the export). Null for pods that are Ready or finished.
 */
function unreadySince(c: DemoCluster, p: DemoPod): number | null {
  if (p.state === 'crashLooping') return crashLoopSince(c, p.workload.name, p.replica);
  if (p.state === 'pending') return p.started;
  if (p.state === 'running' && !podReady(p)) return p.node ? Math.max(p.node.bootTime, p.started) : p.started;
  return null;
}

/** The instant `count` of the times have passed (the count-th earliest), or null when there are fewer. */
function nthEarliest(times: readonly number[], count: number): number | null {
  if (count <= 0 || times.length < count) return null;
  return [...times].sort((a, b) => a - b)[count - 1] ?? null;
}

/** The fewest unready of `total` replicas that put the ready share under 80 %, in the rule's own arithmetic. */
function unreadyForLowReadyState(total: number): number {
  let k = 0;
  while (k <= total && (total - k) / total >= 0.8) k++;
  return k;
}

/** The workload's pods' unready times, earliest first. */
function unreadyTimes(c: DemoCluster, pods: readonly DemoPod[]): number[] {
  return pods
    .map((p) => unreadySince(c, p))
    .filter((t): t is number => t !== null)
    .sort((a, b) => a - b);
}

/**
 * The recommended rules firing on cluster `c` at `now` (Unix seconds): every series whose
 * condition, read from the model, has held for the rule's `for`. Whether the cluster's rule
 * groups exist, are enabled and see its metrics is the caller's question.
 */
export function firingRecommendedAlerts(c: DemoCluster, now: number): DemoFiringAlert[] {
  const out: DemoFiringAlert[] = [];
  const add = (alert: string, labels: Record<string, string>, value: number | null, conditionSince: number) => {
    const rule = RULES.get(alert);
    if (!rule) throw new Error(`${alert} is not a recommended rule`);
    const since = conditionSince + durationSeconds(rule.for);
    if (conditionSince <= now && since <= now) out.push({ rule, labels, value, conditionSince, since });
  };
  // Every rule below needs a node that is not Ready or a workload short of what it wants: a
  // cluster with neither fires nothing, and its pods need not be drawn (5,000-cluster fleets).
  const quiet =
    c.nodes.every((n) => n.ready === 'true') &&
    c.workloads.every(
      (w) => w.crashLooping + w.pending + w.failed === 0 && (w.kind === 'Job' || w.running === w.desired),
    );
  if (quiet) return out;
  const pods = podsOf(c);
  const podsOfWorkload = new Map<DemoWorkload, DemoPod[]>();
  for (const p of pods) {
    const list = podsOfWorkload.get(p.workload);
    if (list) list.push(p);
    else podsOfWorkload.set(p.workload, [p]);
  }

  // Node-level: kube_node_spec_taint{key="node.kubernetes.io/unreachable", effect="NoSchedule"} == 1.
  for (const n of c.nodes)
    if (nodeTaints(n).some((t) => t.key === UNREACHABLE_TAINT && t.effect === 'NoSchedule'))
      add('KubeNodeUnreachable', { node: n.name }, 1, n.bootTime);

  // Per container waiting in CrashLoopBackOff (kube_pod_container_status_waiting_reason).
  for (const p of pods) {
    if (p.state !== 'crashLooping') continue;
    const since = crashLoopSince(c, p.workload.name, p.replica);
    const labels = { namespace: p.namespace, pod: p.name, container: p.container };
    add('KubePodCrashLooping', labels, 1, since);
    add('KubeContainerWaiting', labels, 1, since);
  }

  // Per (namespace, controller, container): restarts in the last hour and OOM kills. The controller
  // is kube_pod_owner's owner_name (a Deployment's pods are owned by its ReplicaSet).
  const byController = new Map<string, DemoPod[]>();
  for (const p of pods) {
    if (p.state !== 'crashLooping') continue;
    const key = `${p.namespace}\n${p.ownerName}\n${p.container}`;
    const list = byController.get(key);
    if (list) list.push(p);
    else byController.set(key, [p]);
  }
  for (const group of byController.values()) {
    const [first] = group;
    if (!first) continue;
    const labels = { namespace: first.namespace, controller: first.ownerName, container: first.container };
    // The first restart, CRASHLOOP_PERIOD after the loop began, is when increase() turns positive
    // and kube_pod_container_status_last_terminated_reason appears.
    const firstRestart =
      Math.min(...group.map((p) => crashLoopSince(c, p.workload.name, p.replica))) + CRASHLOOP_PERIOD;
    add('KubePodContainerRestart', labels, null, firstRestart);
    if (crashReason(c, first.workload) === 'OOMKilled')
      add('KubeContainerOOMKilledCount', labels, group.length, firstRestart);
  }

  // Per controller with Pending pods (kube_pod_status_phase{phase=~"Pending|Unknown"}).
  const pending = new Map<string, DemoPod[]>();
  for (const p of pods) {
    if (p.state !== 'pending') continue;
    const key = `${p.namespace}\n${p.ownerName}`;
    const list = pending.get(key);
    if (list) list.push(p);
    else pending.set(key, [p]);
  }
  for (const group of pending.values()) {
    const [first] = group;
    if (first)
      add(
        'KubePodNotReadyByController',
        { namespace: first.namespace, controller: first.ownerName },
        group.length,
        Math.min(...group.map((p) => p.started)),
      );
  }

  for (const w of c.workloads) {
    const times = unreadyTimes(c, podsOfWorkload.get(w) ?? []);
    if (w.kind === 'Deployment') {
      const labels = { namespace: w.namespace, deployment: w.name };
      // spec_replicas > status_replicas_available (updated replicas do not change).
      const first = times[0];
      if (w.desired > w.running && first !== undefined) add('KubeDeploymentReplicasMismatch', labels, w.desired, first);
      // status_replicas_ready / spec_replicas < .8: from the moment enough replicas were unready.
      const ratio = w.running / w.desired;
      const low = ratio < 0.8 ? nthEarliest(times, unreadyForLowReadyState(w.desired)) : null;
      if (low !== null) add('KubePodReadyStateLow', labels, ratio, low);
    } else if (w.kind === 'StatefulSet') {
      // status_replicas_ready != status_replicas: a replica the controller counts is not ready.
      const current = w.running + w.crashLooping + w.pending;
      const first = times[0];
      if (w.running !== current && first !== undefined)
        add('KubeStatefulSetReplicasMismatch', { namespace: w.namespace, statefulset: w.name }, w.running, first);
    } else if (w.kind === 'DaemonSet') {
      const labels = { namespace: w.namespace, daemonset: w.name };
      const unscheduled = w.desired - w.running;
      const first = times[0];
      if (unscheduled > 0 && first !== undefined) add('KubeDaemonSetNotScheduled', labels, unscheduled, first);
      const ready = daemonSetReady(c, w);
      const ratio = ready / w.desired;
      const low = ratio < 0.8 ? nthEarliest(times, unreadyForLowReadyState(w.desired)) : null;
      if (low !== null) add('KubePodReadyStateLow', labels, ratio, low);
    }
  }

  // Jobs: a failed Job (kube_job_failed{condition="true"}), and per namespace the completions
  // its Jobs still owe (kube_job_spec_completions - kube_job_status_succeeded > 0).
  const jobEnd = (w: DemoWorkload): number =>
    Math.max(...(podsOfWorkload.get(w) ?? []).filter((p) => p.state === 'failed').map((p) => p.started));
  const owed = new Map<string, { completions: number; since: number }>();
  for (const w of c.workloads) {
    if (w.kind !== 'Job') continue;
    if (jobFailed(w)) add('KubeJobFailed', { namespace: w.namespace, job_name: w.name }, 1, jobEnd(w));
    const short = w.desired - w.succeeded;
    const sum = owed.get(w.namespace) ?? { completions: 0, since: Infinity };
    sum.completions += short;
    if (short > 0 && jobFailed(w)) sum.since = Math.min(sum.since, jobEnd(w));
    owed.set(w.namespace, sum);
  }
  for (const [namespace, { completions, since }] of owed)
    if (completions > 0 && Number.isFinite(since)) add('KubeJobStale', { namespace }, completions, since);

  return out;
}

/**
 * The rules' description annotations (the rules file's, without the closing link sentence),
 * filled in as Prometheus' templates would fill them for the alert's labels and value.
 */
export const RULE_DESCRIPTIONS: Record<string, string> = {
  KubeNodeUnreachable:
    '{{ $labels.node }} in {{ $labels.cluster}} is unreachable and some workloads may be rescheduled.',
  KubePodCrashLooping:
    '{{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) in {{ $labels.cluster}} is restarting {{ printf "%.2f" $value }} / second.',
  KubeContainerWaiting:
    'pod/{{ $labels.pod }} in namespace {{ $labels.namespace }} on container {{ $labels.container}} has been in waiting state for longer than 1 hour.',
  KubePodContainerRestart: 'Pod container restarted in the last 1 hour.',
  KubeContainerOOMKilledCount: 'Number of OOM killed containers is greater than 0.',
  KubePodNotReadyByController:
    '{{ $labels.namespace }}/{{ $labels.pod }} in {{ $labels.cluster}} by controller is not ready.',
  KubeDeploymentReplicasMismatch:
    'Deployment {{ $labels.namespace }}/{{ $labels.deployment }} in {{ $labels.cluster}} replica mismatch.',
  KubePodReadyStateLow: 'Ready state of pods is less than 80%.',
  KubeStatefulSetReplicasMismatch:
    'StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} in {{ $labels.cluster}} replica mismatch.',
  KubeDaemonSetNotScheduled:
    '{{ $value }} Pods of DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} are not scheduled.',
  KubeJobFailed: 'Job {{ $labels.namespace }}/{{ $labels.job_name }} in {{ $labels.cluster}} failed to complete.',
  KubeJobStale: 'Number of stale jobs older than six hours is greater than 0.',
};

/**
 * The alert's description: its rule's annotation with the labels and value filled in (and the
 * series' labels after it when the annotation names none). A label
 * the series lacks prints empty, as in Prometheus (KubePodNotReadyByController names a pod its
 * `sum by (namespace, controller)` drops).
 */
export function alertDescription(a: DemoFiringAlert, cluster: string): string {
  const template = RULE_DESCRIPTIONS[a.rule.alert];
  if (template === undefined) throw new Error(`no description for ${a.rule.alert}`);
  const labels: Record<string, string> = { ...a.labels, cluster };
  // Annotations that name no label read the same for every series: the series' labels follow, as
  // Azure Monitor lists them with the alert.
  const series = template.includes('$labels.')
    ? ''
    : ` (${Object.entries(a.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')})`;
  return `${template}${series}`
    .replace(/\{\{ \$labels\.([a-z_]+) ?\}\}/g, (_, name: string) => labels[name] ?? '')
    .replace(/\{\{ printf "%\.2f" \$value \}\}/g, () => (a.value ?? 0).toFixed(2))
    .replace(/\{\{ \$value \}\}/g, () => String(a.value ?? ''));
}

/** The rules this module can fire (the others are listed, with the reason, at the top). */
export const MODELLED_RULES: readonly string[] = Object.keys(RULE_DESCRIPTIONS);
