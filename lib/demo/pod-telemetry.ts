import { cadvisorTargetLabels, constant, KSM, type Family } from './family-kit';
import { podsOf, type DemoPod, type PodState } from './pods';
import { hash32, hexFrom } from './random';
import { containerCpuSeconds, containerWorkingSetBytes, crashLoopRestarts, crashLoopSince } from './signals';
import { podReady, podUid } from './workload-telemetry';

/**
 * L3 pod metrics of the demo fleet: each pod's owner, phase, readiness, info and container
 * restarts as kube-state-metrics v2 writes them, and its containers' CPU and memory use as
 * cAdvisor reports them through the kubelet.
 */

const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
const PHASE_OF: Record<PodState, (typeof PHASES)[number]> = {
  crashLooping: 'Running',
  running: 'Running',
  pending: 'Pending',
  failed: 'Failed',
  succeeded: 'Succeeded',
};

export const POD_FAMILIES: Family[] = [
  {
    name: 'kube_pod_owner',
    type: 'gauge',
    help: "Information about the Pod's owner.",
    *series(c, base) {
      for (const p of podsOf(c)) {
        yield {
          labels: {
            ...base,
            ...KSM,
            namespace: p.namespace,
            pod: p.name,
            uid: podUid(c, p),
            owner_kind: p.ownerKind,
            owner_name: p.ownerName,
            owner_is_controller: 'true',
          },
          value: constant(1),
        };
      }
    },
  },
  {
    name: 'kube_pod_status_phase',
    type: 'gauge',
    help: 'The pods current phase.',
    *series(c, base) {
      for (const p of podsOf(c)) {
        for (const phase of PHASES) {
          yield {
            labels: { ...base, ...KSM, namespace: p.namespace, pod: p.name, uid: podUid(c, p), phase },
            value: constant(PHASE_OF[p.state] === phase ? 1 : 0),
          };
        }
      }
    },
  },
  {
    name: 'kube_pod_status_ready',
    type: 'gauge',
    help: 'Describes whether the pod is ready to serve requests.',
    *series(c, base) {
      for (const p of podsOf(c)) {
        if (p.state === 'succeeded' || p.state === 'failed') continue;
        const ready = podReady(p) ? 'true' : 'false';
        for (const condition of ['true', 'false', 'unknown'] as const) {
          yield {
            labels: { ...base, ...KSM, namespace: p.namespace, pod: p.name, uid: podUid(c, p), condition },
            value: constant(condition === ready ? 1 : 0),
          };
        }
      }
    },
  },
  {
    name: 'kube_pod_container_status_restarts',
    type: 'counter',
    suffix: '_total',
    help: 'The number of container restarts per container.',
    *series(c, base) {
      for (const p of podsOf(c)) {
        if (p.state === 'succeeded' || p.state === 'failed' || p.state === 'pending') continue;
        const since = p.state === 'crashLooping' ? crashLoopSince(c, p.workload.name, p.replica) : null;
        yield {
          labels: { ...base, ...KSM, namespace: p.namespace, pod: p.name, uid: podUid(c, p), container: p.container },
          value: since === null ? constant(0) : (t) => crashLoopRestarts(since, t),
        };
      }
    },
  },
  {
    name: 'kube_pod_container_status_waiting_reason',
    type: 'gauge',
    help: 'Describes the reason the container is currently in waiting state.',
    *series(c, base) {
      // kube-state-metrics v2 exposes the series only while the container waits.
      for (const p of podsOf(c)) {
        if (p.state !== 'crashLooping') continue;
        yield {
          labels: {
            ...base,
            ...KSM,
            namespace: p.namespace,
            pod: p.name,
            uid: podUid(c, p),
            container: p.container,
            reason: 'CrashLoopBackOff',
          },
          value: constant(1),
        };
      }
    },
  },
  {
    name: 'kube_pod_info',
    type: 'gauge',
    help: 'Information about pod.',
    *series(c, base) {
      for (const p of podsOf(c)) {
        yield {
          labels: {
            ...base,
            ...KSM,
            namespace: p.namespace,
            pod: p.name,
            uid: podUid(c, p),
            node: p.node?.name ?? '',
            created_by_kind: p.ownerKind,
            created_by_name: p.ownerName,
            priority_class: p.namespace === 'kube-system' ? 'system-node-critical' : '',
            host_network: 'false',
          },
          value: constant(1),
        };
      }
    },
  },
];

export const CADVISOR_FAMILIES: Family[] = [
  {
    name: 'container_cpu_usage_seconds',
    type: 'counter',
    suffix: '_total',
    help: 'Cumulative cpu time consumed in seconds.',
    *series(c, base) {
      // cAdvisor, scraped through the kubelet; crash-looping containers restart, so only steady ones are written.
      for (const p of podsOf(c)) {
        if (p.state !== 'running' || !p.node) continue;
        yield {
          labels: { ...cadvisorLabels(base, p), cpu: 'total' },
          value: (t) => containerCpuSeconds(p.workload.cpuRequestCores, p.phase, p.started, t),
        };
      }
    },
  },
  {
    name: 'container_memory_working_set_bytes',
    type: 'gauge',
    help: 'Current working set in bytes.',
    *series(c, base) {
      for (const p of podsOf(c)) {
        if (p.state !== 'running' || !p.node) continue;
        yield {
          labels: cadvisorLabels(base, p),
          value: (t) => containerWorkingSetBytes(p.workload.memoryRequestBytes, p.phase, t),
        };
      }
    },
  },
];

function cadvisorLabels(base: Record<string, string>, p: DemoPod): Record<string, string> {
  const node = p.node?.name ?? '';
  return {
    ...cadvisorTargetLabels(base, node),
    namespace: p.namespace,
    pod: p.name,
    container: p.container,
    image: `contoso.azurecr.io/${p.workload.team}/${p.container}:1.${hash32(p.workload.name) % 40}.0`,
    id: `/kubepods/burstable/pod${hexFrom(`${p.name}/uid`, 32)}/${hexFrom(`${p.name}/cid`, 64)}`,
    name: hexFrom(`${p.name}/cid`, 64),
  };
}
