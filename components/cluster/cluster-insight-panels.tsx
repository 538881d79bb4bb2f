import Link from 'next/link';
import type { ReactNode } from 'react';
import { alerts as aq } from '@/lib/catalog';
import { azureAlert, bySeverity, prometheusAlerts } from '@/lib/fleet/alerts';
import { buildCostData, COST_RANGES } from '@/lib/fleet/cost';
import { formatAge, formatMoneyCents, formatPercent } from '@/lib/format';
import { requestAccess } from '@/lib/server/access';
import { runPanelQuery } from '@/lib/server/cluster-service';
import { costOptionsFor } from '@/lib/server/cost-options';
import { loadCost } from '@/lib/server/cost-service';
import { serializeCostParams, DEFAULT_COST } from '@/lib/url-state/cost';
import type { ClusterPageContext } from './context';
import { SeverityBadge } from '@/components/ui/severity-badge';
import { Panel, PanelEmpty, PanelError } from './panel';

const TOP_NAMESPACES = 5;

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

/** Alerts firing on this cluster now, Azure Monitor's and a Prometheus ruler's, worst first. */
export async function ClusterAlertsPanel({ ctx }: { ctx: ClusterPageContext }): Promise<ReactNode> {
  const nowIso = new Date(ctx.range.end * 1000).toISOString();
  const at = { kind: 'instant', at: ctx.range.end } as const;
  const [azure, ruler] = await Promise.all([
    runPanelQuery(aq.firedAzureAlerts, {}, at),
    runPanelQuery(aq.firingPrometheusAlerts, { clusterLabel: ctx.prom.clusterLabel, clusters: [ctx.cluster.name] }, at),
  ]);
  const { id, name } = ctx.cluster;
  const items = [
    ...(azure.ok ? azure.rows.filter((a) => a.targetResource === id.toLowerCase()).map((a) => azureAlert(a, name)) : []),
    ...(ruler.ok ? prometheusAlerts(ruler.rows) : []),
  ].sort(bySeverity);
  // A source that is not configured is not news on every cluster page; a failing one is.
  const failures = [azure, ruler].flatMap((o) => (!o.ok && o.error.failure !== 'not-configured' ? [o.error] : []));
  return (
    <Panel title="Firing alerts" description="Azure Monitor alerts whose target is this cluster (Resource Graph) and alerts a Prometheus ruler reports firing for it (ALERTS)." queries={[azure.executed, ruler.executed]}>
      {failures.map((e) => (
        <div key={e.message} className="mb-2">
          <PanelError error={e} />
        </div>
      ))}
      {!azure.ok && !ruler.ok ? null : items.length === 0 ? (
        <PanelEmpty>Nothing is firing on this cluster.</PanelEmpty>
      ) : (
        <ul aria-label="Firing alerts" className="divide-y divide-slate-100 text-sm">
          {items.slice(0, 8).map((a) => (
            <li key={a.id} className="flex flex-wrap items-baseline gap-x-2 py-1.5">
              <SeverityBadge severity={a.severity} />
              <span className="font-medium">{a.rule}</span>
              <span className="text-xs text-slate-500">{a.since ? `fired ${formatAge(a.since, nowIso)}` : a.description}</span>
              <span className="basis-full truncate text-xs text-slate-600" title={a.since ? a.description : a.service}>
                {a.since ? a.description : a.service}
              </span>
            </li>
          ))}
        </ul>
      )}
      {items.length > 8 && <p className="mt-1 text-xs text-slate-500">+{items.length - 8} more</p>}
      <Link href={`/alerts?${new URLSearchParams({ q: name }).toString()}`} className="mt-3 inline-block text-xs font-medium text-sky-700 hover:underline">
        Open in Alerts →
      </Link>
    </Panel>
  );
}
