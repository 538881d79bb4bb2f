import Link from 'next/link';
import type { ReactNode } from 'react';
import type { CostData } from '@/lib/fleet/cost';
import { COST_GROUPS, COST_RANGES, IDLE } from '@/lib/fleet/cost';
import { COST_FIGURES } from '@/lib/fleet/figures';
import type { PanelNotice } from '@/lib/fleet/types';
import { formatMoneyCents, formatPercent, formatUtc, pluralWord } from '@/lib/format';
// A type-only import that predates the layering rule: no runtime code of lib/sources reaches the bundle.
// eslint-disable-next-line no-restricted-imports
import type { ExecutedQuery } from '@/lib/sources/runner';
import { serializeCostParams, type CostView as ViewState } from '@/lib/url-state/cost';
import type { ParamError } from '@/lib/url-state/overview';
import { AutoSubmitForm } from '@/components/insights/auto-submit-form';
import { ExecutedQueries } from '@/components/ui/executed-queries';
import { PanelNotices } from '@/components/ui/panel-notices';
import { PageHeader } from '@/components/ui/page-header';
import { Bar, PoolAdviceTable, PoolDensity } from './cost-node-pools';
import { ScrollArea } from '@/components/ui/scroll-area';

export interface CostViewProps {
  data: CostData;
  view: ViewState;
  clusterNames: readonly string[];
  notices: readonly PanelNotice[];
  queries: readonly ExecutedQuery[];
  generatedAt: string;
  paramErrors: readonly ParamError[];
  thresholds: { requestedMax: number; utilizationMin: number };
  arcRates: { vcpuHour: number; gibHour: number };
}

const RANGE_LABEL: Record<keyof typeof COST_RANGES, string> = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
};
const GROUP_LABEL: Record<(typeof COST_GROUPS)[number], string> = {
  cluster: 'Cluster',
  namespace: 'Namespace',
  team: 'Team label',
};

const money = formatMoneyCents;
function Card({ label, value, hint }: { label: string; value: string; hint: string }): ReactNode {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums">{value}</div>
      <div className="mt-1 text-xs text-slate-500">{hint}</div>
    </div>
  );
}

export function CostView({
  data,
  view,
  clusterNames,
  notices,
  queries,
  generatedAt,
  paramErrors,
  thresholds,
  arcRates,
}: CostViewProps): ReactNode {
  const qs = serializeCostParams(view);
  const csv = `/api/cost?${qs}${qs ? '&' : ''}format=csv`;
  const total = data.totals.nodeCents;
  const idleShare = total > 0 ? data.totals.idleCents / total : 0;
  // Clusters whose requests and usage nobody reports count as wholly idle: say so next to the figure.
  const unmeasured = data.clusters.filter((c) => !c.hasUsage && c.nodeCents > 0).length;
  const top = data.allocation.slice(0, 25);
  return (
    <div className="space-y-4">
      <PageHeader title="Cost" csvHref={csv} paramErrors={paramErrors}>
        Node cost allocated by max(request, usage) like OpenCost; idle is node cost nobody requested or used. Prices:{' '}
        {data.priceSource === 'snapshot' ? 'retail snapshot of' : 'Azure Retail Prices API, read'} {data.priceDate} (
        {data.currency}, Linux pay-as-you-go); Arc nodes at {arcRates.vcpuHour} per vCPU-hour and {arcRates.gibHour} per
        GiB-hour. Usage as of {formatUtc(generatedAt)}.
      </PageHeader>

      <AutoSubmitForm action="/cost" label="Cost filters">
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Time range</span>
          {/* The time codec every view shares: from=now-7d; the default (30 days) is left out of the link. */}
          <select
            name="from"
            defaultValue={view.range === '30d' ? '' : `now-${view.range}`}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {(Object.keys(COST_RANGES) as Array<keyof typeof COST_RANGES>).map((r) => (
              <option key={r} value={r === '30d' ? '' : `now-${r}`}>
                {RANGE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Allocate by</span>
          <select
            name="group"
            defaultValue={view.group === 'namespace' ? '' : view.group}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {COST_GROUPS.map((g) => (
              <option key={g} value={g === 'namespace' ? '' : g}>
                {GROUP_LABEL[g]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Cluster</span>
          <select
            name="cluster"
            defaultValue={view.cluster ?? ''}
            className="mt-1 max-w-[16rem] rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">Whole fleet</option>
            {clusterNames.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <noscript>
          <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">
            Apply
          </button>
        </noscript>
      </AutoSubmitForm>

      <PanelNotices notices={notices} />

      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <Card
          label={`${COST_FIGURES.nodeCost.label} · ${view.range}`}
          value={total === 0 && data.totals.unpricedPools > 0 ? 'Unpriced' : money(total, data.currency)}
          hint={`${data.clusters.length} cluster${data.clusters.length === 1 ? '' : 's'}${data.totals.unpricedPools ? ` · ${data.totals.unpricedPools} pools without a price` : ''}`}
        />
        <Card
          label={COST_FIGURES.allocated.label}
          value={money(data.totals.allocatedCents, data.currency)}
          hint={`${formatPercent(total > 0 ? data.totals.allocatedCents / total : 0)} of node cost`}
        />
        <Card
          label={COST_FIGURES.idle.label}
          value={money(data.totals.idleCents, data.currency)}
          hint={`${formatPercent(idleShare)} of node cost not requested or used${unmeasured > 0 ? ` · includes ${unmeasured} ${pluralWord(unmeasured, 'cluster')} with no usage data` : ''}`}
        />
        <Card
          label="Monthly run rate"
          value={money(data.totals.monthlyProjectionCents, data.currency)}
          hint="730 h at today's nodes and prices"
        />
      </div>

      <section aria-labelledby="alloc-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 id="alloc-title" className="border-b border-slate-200 px-4 py-2.5 text-sm font-semibold">
          Allocation by {GROUP_LABEL[view.group].toLowerCase()} · {RANGE_LABEL[view.range].toLowerCase()}
        </h2>
        {data.allocation.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600">
            No usage data for these clusters: their whole node cost is idle or unknown. Container insights provides
            requests and usage.
          </p>
        ) : (
          <ScrollArea className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {GROUP_LABEL[view.group]}
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    Cost
                  </th>
                  <th scope="col" className="w-1/4 px-4 py-2 font-medium">
                    Share
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    CPU cores
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    Memory GiB
                  </th>
                </tr>
              </thead>
              <tbody>
                {top.map((r) => (
                  <tr key={r.key} className="border-t border-slate-100">
                    <th
                      scope="row"
                      className="max-w-[22rem] truncate px-4 py-1.5 text-left font-mono text-xs font-medium"
                      title={r.key}
                    >
                      {r.key}
                    </th>
                    <td className="px-4 py-1.5 text-right tabular-nums">{money(r.cents, data.currency)}</td>
                    <td className="px-4 py-1.5">
                      <Bar share={total > 0 ? r.cents / total : 0} tone="sky" />
                    </td>
                    <td className="px-4 py-1.5 text-right tabular-nums">{r.cpuCores.toFixed(2)}</td>
                    <td className="px-4 py-1.5 text-right tabular-nums">{r.memoryGiB.toFixed(1)}</td>
                  </tr>
                ))}
                <tr className="border-t border-slate-200 bg-slate-50">
                  <th scope="row" className="px-4 py-1.5 text-left font-mono text-xs font-medium">
                    {IDLE}
                  </th>
                  <td className="px-4 py-1.5 text-right tabular-nums">{money(data.totals.idleCents, data.currency)}</td>
                  <td className="px-4 py-1.5">
                    <Bar share={idleShare} tone="slate" />
                  </td>
                  <td colSpan={2} className="px-4 py-1.5 text-right text-xs text-slate-500">
                    {data.allocation.length > top.length
                      ? `${data.allocation.length - top.length} smaller groups in the CSV`
                      : ''}
                  </td>
                </tr>
              </tbody>
              <tfoot>
                <tr className="border-t border-slate-300">
                  <th scope="row" className="px-4 py-2 text-left text-xs font-semibold">
                    Node cost
                  </th>
                  <td className="px-4 py-2 text-right font-semibold tabular-nums">{money(total, data.currency)}</td>
                  <td colSpan={3} className="px-4 py-2 text-xs text-slate-500">
                    groups + idle add up to the cent
                  </td>
                </tr>
              </tfoot>
            </table>
          </ScrollArea>
        )}
      </section>

      <section aria-labelledby="alerts-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 id="alerts-title" className="border-b border-slate-200 px-4 py-2.5 text-sm font-semibold">
          Capacity alerts · requested above {formatPercent(thresholds.requestedMax)} or used below{' '}
          {formatPercent(thresholds.utilizationMin)}
        </h2>
        {data.alerts.length === 0 ? (
          <p className="px-4 py-4 text-sm text-slate-600">No cluster or pool crosses the thresholds.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {data.alerts.slice(0, 30).map((a) => (
              <li
                key={`${a.cluster}/${a.pool ?? '*'}/${a.kind}/${a.resource}`}
                className="flex flex-wrap items-center gap-2 px-4 py-1.5"
              >
                <span
                  className={`rounded px-1.5 text-xs font-medium ${a.kind === 'underutilised' ? 'bg-amber-100 text-amber-900' : 'bg-red-100 text-red-800'}`}
                >
                  {a.kind === 'underutilised' ? 'under-used' : a.kind}
                </span>
                <Link
                  className="font-mono text-xs underline-offset-2 hover:underline"
                  href={`/cost?${serializeCostParams({ ...view, cluster: a.cluster })}`}
                >
                  {a.cluster}
                </Link>
                <span className="text-slate-600">
                  {a.pool ? `pool ${a.pool}` : 'whole cluster'}: {a.resource}{' '}
                  {a.kind === 'underutilised' ? 'used' : 'requested'} {formatPercent(a.value)}{' '}
                  {a.kind === 'overcommitted'
                    ? '(more than its nodes hold: not every pod can be scheduled, or the node count is stale)'
                    : `(threshold ${formatPercent(a.threshold)})`}
                </span>
              </li>
            ))}
            {data.alerts.length > 30 && (
              <li className="px-4 py-1.5 text-xs text-slate-500">
                {data.alerts.length - 30} more: pick a cluster to see its own.
              </li>
            )}
          </ul>
        )}
      </section>

      <PoolDensity data={data} requestedMax={thresholds.requestedMax} />

      <PoolAdviceTable data={data} />

      <ExecutedQueries queries={queries} />
    </div>
  );
}
