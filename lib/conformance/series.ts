import type { Corpus, Family, MetricType } from './corpus';
import { cumulativeRates, type HistogramModel } from './histogram';
import {
  NODE_OS,
  nodeConditions,
  PHASES,
  runningPodsOn,
  type ClusterModel,
  type NodeModel,
  type PodModel,
} from './scenario';
import { applyTarget, targetFor, type ScrapeContext, type ScrapeKind } from './targets';

/**
 * Turns the scenario into series: metric names, HELP/TYPE and label names from the corpus
 * (a label the corpus does not show for a family is an error), values from the scenario,
 * then the profile's target labels.
 */

export interface Series {
  /** The family's metadata, for HELP/TYPE lines. */
  family: { name: string; help: string; type: MetricType };
  /** The sample name (with _total, _bucket, _sum or _count where it has one). */
  name: string;
  labels: Record<string, string>;
  /** Value at unix second t; counters grow linearly from `start`. */
  value: (t: number) => number;
}

interface Ctx {
  corpus: Corpus;
  start: number;
  out: Series[];
}

const gauge = (v: number) => (): number => v;
const counter =
  (base: number, rate: number, start: number) =>
  (t: number): number =>
    base + rate * (t - start);

function checkLabels(f: Family, labels: Record<string, string>, allowed: readonly string[] = f.labels): void {
  const want = [...allowed].sort();
  const got = Object.keys(labels).sort();
  if (want.join(',') !== got.join(','))
    throw new Error(
      `${f.name}: the corpus shows labels {${want.join(',')}}, the scenario wrote {${got.join(',')}} (${f.source})`,
    );
}

/** The value the corpus gives a label when another label has a value, e.g. unit for resource="cpu". */
function corpusValue(f: Family, label: string, where: Record<string, string>): string {
  const s = f.samples.find((x) => Object.entries(where).every(([k, v]) => x.labels[k] === v));
  const v = s?.labels[label];
  if (v === undefined)
    throw new Error(`${f.name}: the corpus has no sample with ${JSON.stringify(where)} to take ${label} from`);
  return v;
}

function emit(
  ctx: Ctx,
  f: Family,
  own: Record<string, string>,
  value: (t: number) => number,
  scrape: { kind: ScrapeKind; sc: ScrapeContext },
  opts: { sample?: string; allowed?: readonly string[] } = {},
): void {
  checkLabels(f, own, opts.allowed);
  const labels = applyTarget(own, targetFor(scrape.sc.cluster.profile, scrape.kind, scrape.sc));
  ctx.out.push({ family: { name: f.name, help: f.help, type: f.type }, name: opts.sample ?? f.name, labels, value });
}

function emitHistogram(
  ctx: Ctx,
  f: Family,
  own: Record<string, string>,
  h: HistogramModel,
  scrape: { kind: ScrapeKind; sc: ScrapeContext },
  base = 0,
): void {
  if (f.type !== 'histogram') throw new Error(`${f.name} is a ${f.type} in the corpus, not a histogram`);
  const bounds = f.buckets ?? [];
  if (bounds.join(',') !== h.bounds.join(',')) throw new Error(`${f.name}: histogram bounds differ from the corpus`);
  const cum = cumulativeRates(h);
  cum.forEach((rate, i) => {
    const le = i < bounds.length ? String(bounds[i]) : '+Inf';
    emit(ctx, f, { ...own, le }, counter(base * (i + 1), rate, ctx.start), scrape, {
      sample: `${f.name}_bucket`,
      allowed: [...f.labels, 'le'],
    });
  });
  emit(ctx, f, own, counter(base * (bounds.length + 1), cum[cum.length - 1] as number, ctx.start), scrape, {
    sample: `${f.name}_count`,
  });
  emit(ctx, f, own, counter(base * 0.01, h.sumRate, ctx.start), scrape, { sample: `${f.name}_sum` });
}

// ---------------------------------------------------------------------------

function nodeExporter(ctx: Ctx, c: ClusterModel, node: NodeModel): void {
  const pod = c.pods.find((p) => p.name === c.nodeExporterPods[node.name]);
  const scrape = { kind: 'node-exporter' as const, sc: { cluster: c, node, pod } };
  emit(ctx, UP, {}, gauge(1), scrape);
  const cpu = ctx.corpus.family('node_cpu_seconds_total');
  // The fixture's CPUs and modes, its values as the counters' start; the idle share is the scenario's.
  const modes = [...new Set(cpu.samples.map((s) => s.labels['mode'] as string))];
  node.cpuIdle.forEach((idle, i) => {
    const busy = modes.filter((m) => m !== 'idle');
    for (const mode of modes) {
      const fixture = cpu.samples.find((s) => s.labels['cpu'] === String(i) && s.labels['mode'] === mode);
      if (!fixture) throw new Error(`node_exporter fixture has no cpu ${i} mode ${mode}`);
      const rate = mode === 'idle' ? idle : (1 - idle) / busy.length;
      emit(ctx, cpu, { cpu: String(i), mode }, counter(fixture.value, rate, ctx.start), scrape);
    }
  });
  const total = ctx.corpus.family('node_memory_MemTotal_bytes');
  emit(ctx, total, {}, gauge(node.memTotal), scrape);
  // The fixture's meminfo lacks MemAvailable; the collector names it as every field (SOURCES.md).
  const available: Family = {
    ...total,
    name: 'node_memory_MemAvailable_bytes',
    help: total.help.replace('MemTotal', 'MemAvailable'),
  };
  emit(ctx, available, {}, gauge(node.memAvailable), scrape);
  const fs = [
    { device: '/dev/sda1', mountpoint: '/', fstype: 'ext4', size: node.rootSize, avail: node.rootAvail },
    { device: '/dev/sda15', mountpoint: '/boot/efi', fstype: 'vfat', size: node.bootSize, avail: node.bootAvail },
  ];
  for (const m of fs) {
    const labels = { device: m.device, mountpoint: m.mountpoint, fstype: m.fstype, device_error: '' };
    emit(ctx, ctx.corpus.family('node_filesystem_size_bytes'), labels, gauge(m.size), scrape);
    emit(ctx, ctx.corpus.family('node_filesystem_avail_bytes'), labels, gauge(m.avail), scrape);
    emit(ctx, ctx.corpus.family('node_filesystem_free_bytes'), labels, gauge(m.avail + m.size * 0.05), scrape);
  }
  emit(
    ctx,
    ctx.corpus.family('node_uname_info'),
    {
      sysname: 'Linux',
      release: '6.8.0-1021-azure',
      version: '#25-Ubuntu SMP',
      machine: 'x86_64',
      nodename: node.name,
      domainname: '(none)',
    },
    gauge(1),
    scrape,
  );
}

/**
 * Prometheus' own `up` of a target (1: the scrape answered): no exporter writes it, so the corpus
 * has no family; it carries the target's labels only. Every target (exporters, apiserver, apps)
 * has one, as in a real store, and every target of the scenario answers.
 */
const UP: Family = {
  name: 'up',
  help: '1 if the instance is healthy, i.e. reachable, or 0 if the scrape failed.',
  type: 'gauge',
  labels: [],
  example: {},
  samples: [],
  source: 'Prometheus scrape loop (report series)',
};

function kubelet(ctx: Ctx, c: ClusterModel, node: NodeModel): void {
  const scrape = { kind: 'kubelet' as const, sc: { cluster: c, node } };
  emit(ctx, UP, {}, gauge(1), scrape);
  emit(ctx, ctx.corpus.family('kubelet_running_pods'), {}, gauge(runningPodsOn(c, node.name).length), scrape);
  emit(ctx, ctx.corpus.family('kubelet_node_name'), { node: node.name }, gauge(1), scrape);
  for (const [op, h] of Object.entries(node.podWorker))
    emitHistogram(ctx, ctx.corpus.family('kubelet_pod_worker_duration_seconds'), { operation_type: op }, h, scrape);
  emitHistogram(ctx, ctx.corpus.family('kubelet_pleg_relist_duration_seconds'), {}, node.pleg, scrape, 5);
}

/** cAdvisor's own labels for a metric, without the container labels its test's label function adds. */
function cadvisorOwnLabels(f: Family): string[] {
  return f.labels.filter(
    (l) => !['id', 'image', 'name', 'zone_name'].includes(l) && !/^container_(label|env)_/.test(l),
  );
}

function cadvisor(ctx: Ctx, c: ClusterModel, node: NodeModel): void {
  const scrape = { kind: 'cadvisor' as const, sc: { cluster: c, node } };
  emit(ctx, UP, {}, gauge(1), scrape);
  const cpu = ctx.corpus.family('container_cpu_usage_seconds_total');
  const ws = ctx.corpus.family('container_memory_working_set_bytes');
  const endpoint = ctx.corpus.cadvisorEndpointLabels;
  const cpuAllowed = [...cadvisorOwnLabels(cpu), ...endpoint];
  const wsAllowed = [...cadvisorOwnLabels(ws), ...endpoint];
  const write = (labels: Record<string, string>, cores: number, bytes: number): void => {
    // The kubelet serves cAdvisor without per-CPU usage: one cpu="total" series per cgroup.
    emit(ctx, cpu, { ...labels, cpu: 'total' }, counter(1000, cores, ctx.start), scrape, { allowed: cpuAllowed });
    emit(ctx, ws, labels, gauge(bytes), scrape, { allowed: wsAllowed });
  };
  const pods = runningPodsOn(c, node.name);
  const running = (p: PodModel) => p.containers.filter((x) => x.running);
  // The root cgroup: no pod, namespace or container (empty labels are absent once scraped).
  write({ id: '/', name: '', image: '', pod: '', namespace: '', container: '' }, 1.5, 4 * 1024 ** 3);
  for (const p of pods) {
    const cs = running(p);
    const podCgroup = `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${p.uid.replace(/-/g, '_')}.slice`;
    // The pod's cgroup sums its containers: container="" keeps it out of per-container sums.
    write(
      { id: podCgroup, name: '', image: '', pod: p.name, namespace: p.namespace, container: '' },
      cs.reduce((a, x) => a + x.cpu, 0),
      cs.reduce((a, x) => a + x.workingSet, 0),
    );
    for (const x of cs) {
      write(
        {
          id: `${podCgroup}/cri-containerd-${p.uid}-${x.name}.scope`,
          name: `${p.uid}-${x.name}`,
          image: x.image,
          pod: p.name,
          namespace: p.namespace,
          container: x.name,
        },
        x.cpu,
        x.workingSet,
      );
    }
  }
}

function ksm(ctx: Ctx, c: ClusterModel): void {
  const pod = c.pods.find((p) => p.name === c.ksmPod);
  const scrape = { kind: 'ksm' as const, sc: { cluster: c, pod } };
  emit(ctx, UP, {}, gauge(1), scrape);
  const F = (name: string): Family => ctx.corpus.family(name);
  for (const n of c.nodes) {
    const info = F('kube_node_info');
    emit(
      ctx,
      info,
      {
        container_runtime_version: NODE_OS.runtime,
        kernel_version: NODE_OS.kernel,
        kubelet_version: n.kubeletVersion,
        kubeproxy_version: corpusValue(info, 'kubeproxy_version', {}),
        node: n.name,
        os_image: NODE_OS.osImage,
        pod_cidr: '',
        provider_id: n.providerId,
        internal_ip: n.ip,
        system_uuid: `00000000-0000-0000-0000-${n.ip.replace(/\D/g, '').padStart(12, '0')}`,
      },
      gauge(1),
      scrape,
    );
    const cond = F('kube_node_status_condition');
    for (const [condition, status] of nodeConditions(n)) {
      for (const s of ['false', 'true', 'unknown'])
        emit(ctx, cond, { condition, node: n.name, status: s }, gauge(s === status ? 1 : 0), scrape);
    }
    for (const taint of n.taints) emit(ctx, F('kube_node_spec_taint'), { ...taint, node: n.name }, gauge(1), scrape);
    // Azure's minimal ingestion profile (the default) keeps no kube_node_spec_unschedulable (nor
    // kube_node_labels): DERIVED.minimal-ingestion-profile.metrics-by-target.json, kubestate.
    if (c.profile !== 'azure-managed-prometheus')
      emit(ctx, F('kube_node_spec_unschedulable'), { node: n.name }, gauge(n.unschedulable ? 1 : 0), scrape);
    for (const [fam, values] of [
      ['kube_node_status_allocatable', n.allocatable],
      ['kube_node_status_capacity', n.capacity],
    ] as const) {
      const f = F(fam);
      for (const [resource, v] of Object.entries(values))
        emit(ctx, f, { node: n.name, resource, unit: corpusValue(f, 'unit', { resource }) }, gauge(v), scrape);
    }
  }
  for (const p of c.pods) {
    const base = { namespace: p.namespace, pod: p.name, uid: p.uid };
    emit(
      ctx,
      F('kube_pod_info'),
      {
        ...base,
        host_ip: p.hostIp,
        pod_ip: p.ip,
        node: p.node,
        created_by_kind: p.ownerKind,
        created_by_name: p.ownerName,
        priority_class: p.namespace === 'kube-system' ? 'system-node-critical' : '',
        host_network: String(p.hostNetwork),
      },
      gauge(1),
      scrape,
    );
    for (const phase of PHASES)
      emit(ctx, F('kube_pod_status_phase'), { ...base, phase }, gauge(p.phase === phase ? 1 : 0), scrape);
    for (const x of p.containers) {
      const cb = { ...base, container: x.name };
      for (const [fam, values] of [
        ['kube_pod_container_resource_requests', x.requests],
        ['kube_pod_container_resource_limits', x.limits],
      ] as const) {
        const f = F(fam);
        for (const [resource, v] of Object.entries(values)) {
          if (v !== undefined)
            emit(
              ctx,
              f,
              { ...cb, node: p.node, resource, unit: corpusValue(f, 'unit', { resource }) },
              gauge(v),
              scrape,
            );
        }
      }
      // An unscheduled pod has no container statuses, so no status series.
      if (!p.node) continue;
      emit(
        ctx,
        F('kube_pod_container_status_restarts_total'),
        cb,
        (t) => x.restartsBase + x.restartsPer5m * Math.floor((t - ctx.start) / 300),
        scrape,
      );
      if (x.waitingReason)
        emit(ctx, F('kube_pod_container_status_waiting_reason'), { ...cb, reason: x.waitingReason }, gauge(1), scrape);
      if (x.lastTerminatedReason)
        emit(
          ctx,
          F('kube_pod_container_status_last_terminated_reason'),
          { ...cb, reason: x.lastTerminatedReason },
          gauge(1),
          scrape,
        );
    }
  }
  const replicas = (desired: string, actual: string, key: string, list: ClusterModel['deployments']): void => {
    for (const r of list) {
      emit(ctx, F(desired), { [key]: r.name, namespace: r.namespace }, gauge(r.desired), scrape);
      emit(ctx, F(actual), { [key]: r.name, namespace: r.namespace }, gauge(r.actual), scrape);
    }
  };
  replicas('kube_deployment_spec_replicas', 'kube_deployment_status_replicas_available', 'deployment', c.deployments);
  replicas('kube_statefulset_replicas', 'kube_statefulset_status_replicas_ready', 'statefulset', c.statefulSets);
  replicas(
    'kube_daemonset_status_desired_number_scheduled',
    'kube_daemonset_status_number_ready',
    'daemonset',
    c.daemonSets,
  );
}

function apiserver(ctx: Ctx, c: ClusterModel): void {
  const scrape = { kind: 'apiserver' as const, sc: { cluster: c } };
  emit(ctx, UP, {}, gauge(1), scrape);
  const common = { component: 'apiserver', dry_run: '', group: '', subresource: '', version: 'v1' };
  for (const r of c.apiRequests) {
    emit(
      ctx,
      ctx.corpus.family('apiserver_request_total'),
      { ...common, code: r.code, resource: r.resource, scope: r.scope, verb: r.verb },
      counter(5000, r.rate, ctx.start),
      scrape,
    );
  }
  for (const l of c.apiLatency) {
    emitHistogram(
      ctx,
      ctx.corpus.family('apiserver_request_duration_seconds'),
      { ...common, resource: l.resource, scope: l.scope, verb: l.verb },
      l.h,
      scrape,
      100,
    );
  }
  emit(
    ctx,
    ctx.corpus.family('apiserver_current_inflight_requests'),
    { request_kind: 'readOnly' },
    gauge(c.inflight.readOnly),
    scrape,
  );
  emit(
    ctx,
    ctx.corpus.family('apiserver_current_inflight_requests'),
    { request_kind: 'mutating' },
    gauge(c.inflight.mutating),
    scrape,
  );
}

function ingress(ctx: Ctx, c: ClusterModel): void {
  const pod = c.pods.find((p) => p.name === c.ingressController) as PodModel;
  const scrape = { kind: 'ingress' as const, sc: { cluster: c, pod } };
  emit(ctx, UP, {}, gauge(1), scrape);
  const f = ctx.corpus.family('nginx_ingress_controller_requests');
  const example = f.example;
  // Status values take a shape the corpus shows: a code ("200") or a class ("2xx").
  const shapes = new Set(f.samples.map((s) => (s.labels['status'] ?? '').replace(/\d/g, 'd')));
  for (const i of c.ingresses) {
    for (const [status, rate] of Object.entries(i.statuses)) {
      if (!shapes.has(status.replace(/\d/g, 'd')))
        throw new Error(`ingress status ${status} has no shape the corpus shows (${[...shapes].join(', ')})`);
      emit(
        ctx,
        f,
        {
          canary: example['canary'] ?? '',
          controller_class: example['controller_class'] ?? '',
          controller_namespace: pod.namespace,
          controller_pod: pod.name,
          host: i.host,
          ingress: i.ingress,
          method: example['method'] ?? 'GET',
          namespace: i.namespace,
          path: i.path,
          service: i.service,
          status,
        },
        counter(100, rate, ctx.start),
        scrape,
      );
    }
  }
}

function apps(ctx: Ctx, c: ClusterModel): void {
  const requests = ctx.corpus.family('http_requests_total');
  const duration = ctx.corpus.family('http_request_duration_seconds');
  for (const a of c.apps) {
    for (const name of a.pods) {
      const pod = c.pods.find((p) => p.name === name) as PodModel;
      const scrape = { kind: 'app' as const, sc: { cluster: c, pod, service: a.service } };
      emit(ctx, UP, {}, gauge(1), scrape);
      for (const r of a.requests) {
        const share = r.rate / a.pods.length;
        const own = { method: r.method, code: r.code, handler: a.handler };
        emit(ctx, requests, own, counter(10, share, ctx.start), scrape);
        const bounds = duration.buckets ?? [];
        const h: HistogramModel = { bounds, rates: r.latency.map((s) => s * share), sumRate: 0 };
        h.sumRate = h.rates.reduce(
          (acc, rate, i) => acc + rate * (i < bounds.length ? (bounds[i] as number) * 0.9 : 1),
          0,
        );
        emitHistogram(ctx, duration, own, h, scrape);
      }
    }
  }
}

/** Every series of one cluster, target labels applied. */
export function clusterSeries(corpus: Corpus, c: ClusterModel, start: number): Series[] {
  const ctx: Ctx = { corpus, start, out: [] };
  for (const n of c.nodes) {
    nodeExporter(ctx, c, n);
    kubelet(ctx, c, n);
    cadvisor(ctx, c, n);
  }
  ksm(ctx, c);
  apiserver(ctx, c);
  ingress(ctx, c);
  apps(ctx, c);
  return ctx.out;
}
