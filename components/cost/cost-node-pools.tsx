import type { ReactNode } from 'react';
import type { CostData, PoolAdvice } from '@/lib/fleet/cost';
import { POD_FIGURES } from '@/lib/fleet/figures';
import { formatMoneyCents, formatPercent } from '@/lib/format';
import { ScrollArea } from '@/components/ui/scroll-area';

/** The node-pool half of the cost page: how full each pool is packed, and what a cheaper size would save. */

const money = formatMoneyCents;
function money0(amount: number, currency: string): string {
  return amount.toLocaleString('en-US', { style: 'currency', currency, maximumFractionDigits: 0 });
}

export function Bar({ share, tone }: { share: number; tone: 'sky' | 'slate' | 'amber' | 'red' }): ReactNode {
  const color = { sky: 'bg-sky-500', slate: 'bg-slate-300', amber: 'bg-amber-500', red: 'bg-red-500' }[tone];
  return (
    <div className="h-2 w-full min-w-[4rem] overflow-hidden rounded bg-slate-100" aria-hidden="true">
      <div className={`h-2 ${color}`} style={{ width: `${Math.max(0, Math.min(1, share)) * 100}%` }} />
    </div>
  );
}

function densityTone(share: number, requestedMax: number): 'sky' | 'amber' | 'red' {
  return share > requestedMax ? 'red' : share > requestedMax - 0.15 ? 'amber' : 'sky';
}

function AdviceCell({ a, currency }: { a: PoolAdvice; currency: string }): ReactNode {
  if (!a.best) return <span className="text-slate-500">no size of the family fits these pods</span>;
  if (a.best.vmSize === a.current.vmSize && a.best.nodes >= a.current.nodes)
    return <span className="text-emerald-700">keep {a.current.vmSize}</span>;
  return (
    <span>
      {a.best.nodes} × <span className="font-mono">{a.best.vmSize.replace('Standard_', '')}</span> ·{' '}
      {money0(a.best.monthlyCost, currency)}/mo · requested CPU {formatPercent(a.best.cpuRequestedShare)}, memory{' '}
      {formatPercent(a.best.memoryRequestedShare)}
    </span>
  );
}

/** Requests above capacity cannot all run: flagged, never drawn as a merely high share. */
function Overcommitted(): ReactNode {
  return (
    <span
      className="rounded bg-red-100 px-1 text-[11px] font-medium text-red-800"
      title={POD_FIGURES.overcommitted.definition}
    >
      {POD_FIGURES.overcommitted.label}
    </span>
  );
}

/** Requested and used CPU and memory of each pool against what its nodes can hold, with the pool's hourly price. */
export function PoolDensity({ data, requestedMax }: { data: CostData; requestedMax: number }): ReactNode {
  const sourceOf = new Map(data.clusters.map((c) => [c.cluster, c.source]));
  return (
    <section aria-labelledby="density-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 id="density-title" className="border-b border-slate-200 px-4 py-2.5 text-sm font-semibold">
        Packing density per node pool
      </h2>
      <ScrollArea className="max-h-[28rem] overflow-auto">
        <table className="min-w-full text-sm">
          <thead className="sticky top-0 bg-slate-50 text-left text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Cluster / pool
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Nodes
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                CPU {POD_FIGURES.requested.label} / {POD_FIGURES.used.label}
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Memory {POD_FIGURES.requested.label} / {POD_FIGURES.used.label}
              </th>
              <th scope="col" className="px-4 py-2 text-right font-medium">
                Per hour
              </th>
            </tr>
          </thead>
          <tbody>
            {data.density.map((d) => {
              const metricsOnly = sourceOf.get(d.cluster) === 'prometheus';
              const cr = d.cpuAllocatable > 0 ? d.cpuRequested / d.cpuAllocatable : 0;
              const cu = d.cpuAllocatable > 0 ? d.cpuUsed / d.cpuAllocatable : 0;
              const mr = d.memoryAllocatableGiB > 0 ? d.memoryRequestedGiB / d.memoryAllocatableGiB : 0;
              const mu = d.memoryAllocatableGiB > 0 ? d.memoryUsedGiB / d.memoryAllocatableGiB : 0;
              return (
                <tr key={`${d.cluster}/${d.pool}`} className="border-t border-slate-100">
                  <th scope="row" className="px-4 py-1.5 text-left font-normal">
                    <span className="font-mono text-xs font-medium">{d.cluster}</span>{' '}
                    <span className="text-xs text-slate-500">/ {d.pool}</span>
                  </th>
                  <td className="whitespace-nowrap px-4 py-1.5 text-xs">
                    {d.nodes} × <span className="font-mono">{d.vmSize.replace('Standard_', '')}</span>
                  </td>
                  {!d.hasUsage ? (
                    <td colSpan={2} className="px-4 py-1.5 text-xs text-slate-500">
                      {metricsOnly
                        ? 'no requests or usage: Prometheus shows no Running pods on this pool (kube-state-metrics, cAdvisor)'
                        : 'no requests or usage: Container insights is off, and no pod metrics came from Prometheus'}
                    </td>
                  ) : (
                    <>
                      <td className="px-4 py-1.5">
                        <div className="flex items-center gap-2">
                          <Bar share={cr} tone={densityTone(cr, requestedMax)} />
                          <span className="whitespace-nowrap text-xs tabular-nums">
                            {formatPercent(cr)} / {formatPercent(cu)}
                          </span>
                          {cr > 1 && <Overcommitted />}
                        </div>
                      </td>
                      <td className="px-4 py-1.5">
                        <div className="flex items-center gap-2">
                          <Bar share={mr} tone={densityTone(mr, requestedMax)} />
                          <span className="whitespace-nowrap text-xs tabular-nums">
                            {formatPercent(mr)} / {formatPercent(mu)}
                          </span>
                          {mr > 1 && <Overcommitted />}
                        </div>
                      </td>
                    </>
                  )}
                  <td className="px-4 py-1.5 text-right text-xs tabular-nums">
                    {d.hourlyCost === null ? 'no price' : money(Math.round(d.hourlyCost * 100), data.currency)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollArea>
    </section>
  );
}

/** Pools whose pod requests would fit a cheaper size of the same VM family, the biggest savings first. */
export function PoolAdviceTable({ data }: { data: CostData }): ReactNode {
  const advice = data.advice.filter((a) => a.monthlySavings > 0).slice(0, 20);
  return (
    <section aria-labelledby="advice-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 id="advice-title" className="border-b border-slate-200 px-4 py-2.5 text-sm font-semibold">
        Node-size advice · the pool&apos;s pod requests packed onto each size of its VM family, 20 % headroom kept
      </h2>
      {advice.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600">
          {data.advice.length === 0
            ? 'No pool has pod requests to simulate: requests come from Container insights.'
            : 'Every pool is already on its cheapest size for its pods.'}
        </p>
      ) : (
        <ScrollArea className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Cluster / pool
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Now
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Cheapest fit
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium">
                  Saves / month
                </th>
              </tr>
            </thead>
            <tbody>
              {advice.map((a) => (
                <tr key={`${a.cluster}/${a.pool}`} className="border-t border-slate-100 align-top">
                  <th scope="row" className="px-4 py-1.5 text-left font-normal">
                    <span className="font-mono text-xs font-medium">{a.cluster}</span>{' '}
                    <span className="text-xs text-slate-500">/ {a.pool}</span>
                  </th>
                  <td className="whitespace-nowrap px-4 py-1.5 text-xs">
                    {a.current.nodes} × <span className="font-mono">{a.current.vmSize.replace('Standard_', '')}</span> ·{' '}
                    {money0(a.current.monthlyCost, data.currency)}/mo
                  </td>
                  <td className="px-4 py-1.5 text-xs">
                    <AdviceCell a={a} currency={data.currency} />
                    <details className="mt-1">
                      <summary className="cursor-pointer text-slate-500">
                        all {a.options.length} sizes simulated
                      </summary>
                      <ul className="mt-1 space-y-0.5">
                        {a.options.map((o) => (
                          <li key={o.vmSize} className="tabular-nums">
                            {o.nodes} × {o.vmSize.replace('Standard_', '')} ({o.vcpus} vCPU, {o.memoryGiB} GiB):{' '}
                            {money0(o.monthlyCost, data.currency)}/mo, CPU {formatPercent(o.cpuRequestedShare)}, memory{' '}
                            {formatPercent(o.memoryRequestedShare)}
                          </li>
                        ))}
                      </ul>
                    </details>
                  </td>
                  <td className="px-4 py-1.5 text-right font-medium tabular-nums text-emerald-700">
                    {money0(a.monthlySavings, data.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </section>
  );
}
