import Link from 'next/link';
import { NODE_FIGURES } from '@/lib/fleet/figures';
import type { ReactNode } from 'react';
import { PAGE_INFO, pageForLayer, reasonHref } from '@/lib/fleet/cluster/layers';
import { formatCount, formatPercent, formatUtc } from '@/lib/format';
import { hrefWith, type ClusterPageContext } from './context';
import { Panel } from './panel';

/** The cluster at a glance, as the cluster lookup found it: health and why, versions, size, add-ons. */
export function SummaryPanels({ ctx }: { ctx: ClusterPageContext }): ReactNode {
  const c = ctx.cluster;
  const addOns: Array<[string, boolean | null]> = [
    ['Managed Prometheus', c.monitoring.managedPrometheus],
    ['Container insights', c.monitoring.containerInsights],
    ['Metrics reach Prometheus', c.monitoring.metrics],
  ];
  return (
    <>
      <Panel
        title="Health"
        description="The fleet rollup's verdict and every reason, each linked to the layer that shows it."
        wide
      >
        {c.health.reasons.length === 0 ? (
          <p className="text-sm text-emerald-800">Healthy: no signal crossed a threshold.</p>
        ) : (
          <ul aria-label="Health reasons" className="divide-y divide-slate-100">
            {c.health.reasons.map((r) => {
              const page = pageForLayer(r.layer);
              return (
                <li
                  key={`${r.signal}:${r.message}`}
                  className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm"
                >
                  <span
                    className={`rounded px-1.5 text-xs font-semibold uppercase ${r.severity === 'critical' ? 'bg-red-100 text-red-800' : r.severity === 'warning' ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-700'}`}
                  >
                    {r.severity}
                  </span>
                  <span className="min-w-0 flex-1 break-words">{r.message}</span>
                  {r.signal === 'alerts' && (
                    <Link
                      href={reasonHref(c.name, r)}
                      className="basis-full text-xs font-medium text-sky-700 hover:underline sm:basis-auto sm:shrink-0"
                    >
                      Open the alerts →
                    </Link>
                  )}
                  {page !== 'summary' && (
                    <Link
                      href={hrefWith(ctx, page)}
                      className="basis-full text-xs font-medium text-sky-700 hover:underline sm:basis-auto sm:shrink-0"
                    >
                      Open {PAGE_INFO[page].title} →
                    </Link>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Panel>
      <Panel title="Cluster">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          <dt className="text-slate-500">Kubernetes</dt>
          <dd>
            {c.kubernetesVersion}
            {c.versionSupport === 'out-of-support' && (
              <span className="ml-2 rounded bg-red-100 px-1 text-xs font-semibold text-red-800">out of support</span>
            )}
          </dd>
          <dt className="text-slate-500">Last upgrade</dt>
          <dd>{c.lastUpgrade ? formatUtc(c.lastUpgrade) : '—'}</dd>
          <dt className="text-slate-500">Nodes</dt>
          <dd>
            {formatCount(c.nodes.ready)} ready of {formatCount(c.nodes.total)} in {c.nodePools} node pool
            {c.nodePools === 1 ? '' : 's'}
          </dd>
          <dt className="text-slate-500">Pods</dt>
          <dd>
            {formatCount(c.pods.running)} running · {formatCount(c.pods.pending)} pending · {formatCount(c.pods.failed)}{' '}
            failed
          </dd>
          <dt className="text-slate-500">Crash-looping</dt>
          <dd>{formatCount(c.containers.crashLooping)} containers</dd>
          <dt className="text-slate-500" title={NODE_FIGURES.cpuBusy.definition}>
            {NODE_FIGURES.cpuBusy.label}
          </dt>
          <dd>{formatPercent(c.cpu.utilization)}</dd>
          <dt className="text-slate-500" title={NODE_FIGURES.memoryInUse.definition}>
            {NODE_FIGURES.memoryInUse.label}
          </dt>
          <dd>{formatPercent(c.memory.utilization)}</dd>
          <dt className="text-slate-500">Location</dt>
          <dd className="truncate" title={c.id}>
            {c.region} · {c.resourceGroup}
          </dd>
        </dl>
      </Panel>
      <Panel title="Monitoring add-ons">
        <ul className="space-y-1.5 text-sm">
          {addOns.map(([name, on]) => (
            <li key={name} className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className={`h-2 w-2 rounded-full ${on ? 'bg-healthy' : on === false ? 'bg-critical' : 'bg-unknown'}`}
              />
              <span className="flex-1">{name}</span>
              <span className="text-xs text-slate-500">{on ? 'on' : on === false ? 'off' : 'unknown'}</span>
            </li>
          ))}
        </ul>
        {addOns.some(([, on]) => on === false) && (
          <Link
            href="/onboarding"
            className="mt-3 inline-block text-xs font-medium text-sky-700 underline underline-offset-2"
          >
            Close the gaps in onboarding
          </Link>
        )}
      </Panel>
    </>
  );
}
