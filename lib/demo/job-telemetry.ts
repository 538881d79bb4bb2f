import { constant, KSM, type Family } from './family-kit';
import type { DemoCluster, DemoWorkload } from './fleet-model';

/**
 * kube-state-metrics' Job families of the demo fleet's batch jobs (workloads.ts: one pod each,
 * succeeded, or failed after its retries with no pod left running). Labels as kube-state-metrics
 * names them: `job_name` and `namespace`; the conditions a Job has with `condition` true/false/unknown.
 * https://github.com/kubernetes/kube-state-metrics/blob/main/docs/metrics/workload/job-metrics.md
 */

/** Whether the Job gave up: its pods failed, none succeeded and none still runs (condition Failed=True). */
export function jobFailed(w: DemoWorkload): boolean {
  return w.kind === 'Job' && w.failed > 0 && w.succeeded < w.desired && w.running + w.pending + w.crashLooping === 0;
}

/** Whether the Job completed: as many pods succeeded as it asks for (condition Complete=True). */
export function jobComplete(w: DemoWorkload): boolean {
  return w.kind === 'Job' && w.succeeded >= w.desired;
}

type JobValue = (w: DemoWorkload) => number;

function jobGauge(name: string, help: string, value: JobValue): Family {
  return {
    name,
    type: 'gauge',
    help,
    *series(c: DemoCluster, base) {
      for (const w of c.workloads)
        if (w.kind === 'Job')
          yield { labels: { ...base, ...KSM, namespace: w.namespace, job_name: w.name }, value: constant(value(w)) };
    },
  };
}

function jobCondition(name: string, help: string, holds: (w: DemoWorkload) => boolean): Family {
  return {
    name,
    type: 'gauge',
    help,
    *series(c: DemoCluster, base) {
      // Only a Job whose status lists the condition has its series (kube-state-metrics walks
      // status.conditions); the controller adds Complete or Failed, with status True, when it ends.
      for (const w of c.workloads) {
        if (w.kind !== 'Job' || !holds(w)) continue;
        for (const condition of ['true', 'false', 'unknown'] as const)
          yield {
            labels: { ...base, ...KSM, namespace: w.namespace, job_name: w.name, condition },
            value: constant(condition === 'true' ? 1 : 0),
          };
      }
    },
  };
}

export const JOB_FAMILIES: Family[] = [
  jobGauge(
    'kube_job_spec_completions',
    'The desired number of successfully finished pods the job should be run with.',
    (w) => w.desired,
  ),
  jobGauge('kube_job_status_succeeded', 'The number of pods which reached Phase Succeeded.', (w) => w.succeeded),
  jobGauge('kube_job_status_failed', 'The number of pods which reached Phase Failed.', (w) => w.failed),
  jobGauge(
    'kube_job_status_active',
    'The number of actively running pods.',
    (w) => w.running + w.pending + w.crashLooping,
  ),
  jobCondition('kube_job_complete', 'The job has completed its execution.', jobComplete),
  jobCondition('kube_job_failed', 'The job has failed its execution.', jobFailed),
];
