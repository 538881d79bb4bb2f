import Link from 'next/link';
import type { ReactNode } from 'react';
import { alerts as aq } from '@/lib/catalog';
import { buildCostData, COST_RANGES } from '@/lib/fleet/cost';
import { formatAge, formatMoneyCents, formatPercent } from '@/lib/format';
import { requestAccess } from '@/lib/server/access';
import { runPanelQuery } from '@/lib/server/cluster-service';
import { costOptionsFor } from '@/lib/server/cost-options';
import { loadCost } from '@/lib/server/cost-service';
import { serializeCostParams, DEFAULT_COST } from '@/lib/url-state/cost';
import type { ClusterPageContext } from './context';
import { Panel, PanelEmpty, PanelError } from './panel';

const TOP_NAMESPACES = 5;
const SEVERITY_STYLE: Record<string, string> = { Sev0: 'bg-red-100 text-red-800', Sev1: 'bg-red-100 text-red-800', Sev2: 'bg-amber-100 text-amber-900' };

/** This cluster's share of the fleet cost view: the same allocation as /cost?cluster=<name>. */
export async function ClusterCostPanel({ ctx }: { ctx: ClusterPageContext }): Promise<ReactNode> {
  const view = { ...DEFAULT_COST, cluster: ctx.cluster.name };
  const loaded = await loadCost(await requestAccess());
  const data = buildCostData(loaded.inputs, costOptionsFor(view, loaded.prices));
  const mine = data.clusters[0];
  const href = `/cost?${serializeCostParams(view)}`;
  const failed = loaded.notices.find((n) => n.severity === 'error');
  const namespaces = data.allocation.filter((r) => r.cents > 0).slice(0, TOP_NAMESPACES);
  return (
    <Panel title="Cost" description={`Node cost over the last ${COST_RANGES[view.range] / 24} days, split by namespace requests (OpenCost's method); prices of ${data.priceDate}.`} queries={loaded.queries}>
      {failed && <p className="mb-2 text-xs text-red-800">{failed.message}</p>}
      {!mine || mine.nodeCents === 0 ? (
        <PanelEmpty>No priced nodes for this cluster{mine?.source === 'none' ? ': neither Container insights nor its node pools are known' : ''}.</PanelEmpty>
      ) : (
        <>
          <dl className="grid grid-cols-3 gap-3 text-sm">
            <div>
              <dt className="text-xs text-slate-500">Nodes</dt>
              <dd className="font-semibold tabular-nums">{formatMoneyCents(mine.nodeCents, data.currency)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Requested</dt>
              <dd className="tabular-nums">{formatMoneyCents(mine.allocatedCents, data.currency)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Idle</dt>
              <dd className="tabular-nums">{formatPercent(mine.idleCents / mine.nodeCents)}</dd>
            </div>
          </dl>
          {namespaces.length > 0 && (
            <table className="mt-3 w-full text-sm" aria-label="Most expensive namespaces">
              <tbody>
                {namespaces.map((r) => (
                  <tr key={r.key} className="border-t border-slate-100">
                    <th scope="row" className="truncate py-1 pr-2 text-left font-normal">{r.key.slice(ctx.cluster.name.length + 1)}</th>
                    <td className="py-1 text-right tabular-nums">{formatMoneyCents(r.cents, data.currency)}</td>
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

/** Azure Monitor alerts fired on this cluster now, worst first. */
export async function ClusterAlertsPanel({ ctx }: { ctx: ClusterPageContext }): Promise<ReactNode> {
  const nowIso = new Date(ctx.range.end * 1000).toISOString();
  const outcome = await runPanelQuery(aq.firedAzureAlerts, {}, { kind: 'instant', at: ctx.range.end });
  const id = ctx.cluster.id.toLowerCase();
  const mine = outcome.ok ? outcome.rows.filter((a) => a.targetResource === id).sort((a, b) => (a.severity < b.severity ? -1 : a.severity > b.severity ? 1 : b.startDateTime < a.startDateTime ? -1 : 1)) : [];
  return (
    <Panel title="Firing alerts" description="Azure Monitor alerts whose target is this cluster (Resource Graph)." queries={[outcome.executed]}>
      {!outcome.ok ? (
        <PanelError error={outcome.error} />
      ) : mine.length === 0 ? (
        <PanelEmpty>Nothing is firing on this cluster.</PanelEmpty>
      ) : (
        <ul aria-label="Firing alerts" className="divide-y divide-slate-100 text-sm">
          {mine.slice(0, 8).map((a) => (
            <li key={a.id} className="flex flex-wrap items-baseline gap-x-2 py-1.5">
              <span className={`rounded px-1.5 text-xs font-semibold ${SEVERITY_STYLE[a.severity] ?? 'bg-slate-100 text-slate-700'}`}>{a.severity}</span>
              <span className="font-medium">{a.name}</span>
              <span className="text-xs text-slate-500">fired {formatAge(a.startDateTime, nowIso)}</span>
              {a.description && <span className="basis-full truncate text-xs text-slate-600" title={a.description}>{a.description}</span>}
            </li>
          ))}
        </ul>
      )}
      {mine.length > 8 && <p className="mt-1 text-xs text-slate-500">+{mine.length - 8} more</p>}
      <Link href={`/alerts?${new URLSearchParams({ q: ctx.cluster.name }).toString()}`} className="mt-3 inline-block text-xs font-medium text-sky-700 hover:underline">
        Open in Alerts →
      </Link>
    </Panel>
  );
}
