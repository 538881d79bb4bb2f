import Link from 'next/link';
import type { ReactNode } from 'react';
import type { FiredAlert } from '@/lib/fleet/alerts';
import type { ClusterCostSummary, PanelData } from '@/lib/fleet/cluster/panels';
import { COST_FIGURES } from '@/lib/fleet/figures';
import { formatAge, formatMoneyCents, formatPercent } from '@/lib/format';
import { SeverityBadge } from '@/components/ui/severity-badge';
import type { ClusterPageContext } from './context';
import { Panel, PanelEmpty, PanelError } from './panel';
import { DEFAULT_ALERTS, serializeAlertParams } from '@/lib/url-state/alerts';

/** This cluster's share of the fleet cost view: the same allocation as /cost?cluster=<name>. */
export function ClusterCostPanel({ cost, href }: { cost: ClusterCostSummary; href: string }): ReactNode {
  const mine = cost.cluster;
  return (
    <Panel
      title="Cost"
      description={`${COST_FIGURES.nodeCost.label} over the last ${cost.days} days; ${COST_FIGURES.allocated.definition}; prices of ${cost.priceDate}.`}
      queries={cost.executed}
    >
      {cost.failure && <p className="mb-2 text-xs text-red-800">{cost.failure}</p>}
      {!mine || mine.nodeCents === 0 ? (
        <PanelEmpty>
          {mine && mine.unpricedPools > 0
            ? `Unpriced: no price for ${mine.unpricedPools === 1 ? 'its node pool' : `its ${mine.unpricedPools} node pools`} (size or machine unknown), so no cost is shown rather than $0.`
            : `No priced nodes for this cluster${mine?.source === 'none' ? ': neither Container insights nor its node pools are known' : ''}.`}
        </PanelEmpty>
      ) : (
        <>
          <dl className="grid grid-cols-3 gap-3 text-sm">
            <div>
              <dt className="text-xs text-slate-500">{COST_FIGURES.nodeCost.label}</dt>
              <dd className="font-semibold tabular-nums">{formatMoneyCents(mine.nodeCents, cost.currency)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{COST_FIGURES.allocated.label}</dt>
              <dd className="tabular-nums">{formatMoneyCents(mine.allocatedCents, cost.currency)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{COST_FIGURES.idle.label}</dt>
              <dd className="tabular-nums">
                {formatMoneyCents(mine.idleCents, cost.currency)}{' '}
                <span className="text-xs text-slate-500">{formatPercent(mine.idleCents / mine.nodeCents)}</span>
              </dd>
            </div>
          </dl>
          {mine.unpricedPools > 0 && (
            <p className="mt-2 text-xs text-slate-600">
              Excludes {mine.unpricedPools} unpriced node pool{mine.unpricedPools === 1 ? '' : 's'}.
            </p>
          )}
          {cost.namespaces.length > 0 && (
            <table className="mt-3 w-full text-sm" aria-label="Most expensive namespaces">
              <tbody>
                {cost.namespaces.map((r) => (
                  <tr key={r.name} className="border-t border-slate-100">
                    <th scope="row" className="truncate py-1 pr-2 text-left font-normal" title={r.name}>
                      {r.name}
                    </th>
                    <td className="py-1 text-right tabular-nums">{formatMoneyCents(r.cents, cost.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <Link href={href} className="mt-3 inline-block text-xs font-medium text-sky-700 hover:underline">
        Open in Cost →
      </Link>
    </Panel>
  );
}

const SHOWN_ALERTS = 8;

/** Alerts firing on this cluster now, worst first; a failing source is said, an unconfigured one is not. */
export function AlertsBody({
  data,
  rows,
  at,
  ctx,
}: {
  data: PanelData;
  rows: FiredAlert[];
  at: number;
  ctx: ClusterPageContext;
}): ReactNode {
  const nowIso = new Date(at * 1000).toISOString();
  return (
    <>
      {data.failures.map((e) => (
        <div key={e.message} className="mb-2">
          <PanelError error={e} />
        </div>
      ))}
      {data.status === 'error' ? null : rows.length === 0 ? (
        <PanelEmpty>{data.empty}</PanelEmpty>
      ) : (
        <ul aria-label="Firing alerts" className="divide-y divide-slate-100 text-sm">
          {rows.slice(0, SHOWN_ALERTS).map((a) => (
            <li key={a.id} className="flex flex-wrap items-baseline gap-x-2 py-1.5">
              <SeverityBadge severity={a.severity} />
              <span className="font-medium">{a.rule}</span>
              <span className="text-xs text-slate-500">
                {a.since ? `fired ${formatAge(a.since, nowIso)}` : a.description}
              </span>
              <span className="basis-full truncate text-xs text-slate-600" title={a.since ? a.description : a.service}>
                {a.since ? a.description : a.service}
              </span>
            </li>
          ))}
        </ul>
      )}
      {rows.length > SHOWN_ALERTS && <p className="mt-1 text-xs text-slate-500">+{rows.length - SHOWN_ALERTS} more</p>}
      <Link
        href={`/alerts?${serializeAlertParams({ ...DEFAULT_ALERTS, q: ctx.cluster.name })}`}
        className="mt-3 inline-block text-xs font-medium text-sky-700 hover:underline"
      >
        Open in Alerts →
      </Link>
    </>
  );
}
