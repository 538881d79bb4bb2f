import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { PROMTOOL_BIN, startPrometheus, type LocalPrometheus } from '../sources/prometheus/testing/local-prometheus';
import { startVictoriaMetrics, type LocalVictoriaMetrics } from '../sources/prometheus/testing/local-victoria-metrics';
import type { Corpus } from './corpus';
import { openMetrics, prometheusText, type Window } from './exposition';
import { buildCluster, type Bounds, type ClusterModel, type Profile } from './scenario';
import { clusterSeries, type Series } from './series';

/** Two clusters per profile: one with the incidents, one healthy. */
export const CLUSTERS_PER_PROFILE = 2;

export function bucketBounds(corpus: Corpus): Bounds {
  const b = (name: string): number[] => {
    const bounds = corpus.family(name).buckets;
    if (!bounds?.length) throw new Error(`the corpus gives no buckets for ${name}`);
    return bounds;
  };
  return {
    apiserver: b('apiserver_request_duration_seconds'),
    kubelet: b('kubelet_pod_worker_duration_seconds'),
    pleg: b('kubelet_pleg_relist_duration_seconds'),
    http: b('http_request_duration_seconds'),
  };
}

export function profileClusters(corpus: Corpus, profile: Profile): ClusterModel[] {
  const memTotal = corpus.family('node_memory_MemTotal_bytes').samples[0]?.value;
  if (!memTotal) throw new Error('node_exporter fixture has no node_memory_MemTotal_bytes sample');
  return Array.from({ length: CLUSTERS_PER_PROFILE }, (_, i) =>
    buildCluster(profile, i + 1, bucketBounds(corpus), memTotal),
  );
}

export interface EnginePair {
  profile: Profile;
  clusters: ClusterModel[];
  series: number;
  samples: number;
  prometheus: LocalPrometheus;
  victoria: LocalVictoriaMetrics;
  stop(): Promise<void>;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    child.stderr.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}): ${out}`)),
    );
  });
}

async function writeFile(file: string, chunks: Iterable<string>): Promise<void> {
  const stream = createWriteStream(file);
  for (const chunk of chunks) if (!stream.write(chunk)) await new Promise<void>((r) => stream.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** One profile's clusters in a real Prometheus (promtool backfill) and a real VictoriaMetrics (import). */
export async function startEnginePair(
  corpus: Corpus,
  profile: Profile,
  dir: string,
  window: Window,
): Promise<EnginePair> {
  await mkdir(dir, { recursive: true });
  const clusters = profileClusters(corpus, profile);
  const series: Series[] = clusters.flatMap((c) => clusterSeries(corpus, c, window.start));
  const points = Math.floor((window.end - window.start) / window.step) + 1;
  const file = path.join(dir, 'corpus.om');
  const dataDir = path.join(dir, 'prom-data');
  await writeFile(file, openMetrics(series, window));
  const settled = await Promise.allSettled([
    run(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', file, dataDir]).then(async () => {
      await unlink(file);
      return startPrometheus({ dir, dataDir });
    }),
    startVictoriaMetrics({ dir }).then(async (vm) => {
      try {
        for (const chunk of prometheusText(series, window)) await vm.importPrometheus(chunk);
        await vm.flush();
        return vm;
      } catch (error) {
        await vm.stop();
        throw error;
      }
    }),
  ]);
  const [p, v] = settled;
  if (p.status === 'rejected' || v.status === 'rejected') {
    // Never leave one engine running when the other failed.
    await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    throw p.status === 'rejected' ? p.reason : (v as PromiseRejectedResult).reason;
  }
  const prometheus = p.value;
  const victoria = v.value;
  return {
    profile,
    clusters,
    series: series.length,
    samples: series.length * points,
    prometheus,
    victoria,
    stop: async () => {
      await Promise.all([prometheus.stop(), victoria.stop()]);
    },
  };
}
