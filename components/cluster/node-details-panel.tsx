import type { ReactNode } from 'react';
import {
  conditionWord,
  formatAge,
  formatUtc,
  nodeVerdict,
  type NodeCondition,
  type NodeDetails,
} from '@/lib/fleet/cluster/node-details';
import type { PanelData } from '@/lib/fleet/cluster/panels';
import { ScrollArea } from '@/components/ui/scroll-area';
import { PanelEmpty, PanelError, PanelUnavailable } from './panel';

/**
 * The selected node's triage: a status line when something is wrong (what, since when, the
 * reason its newest Warning event gives), then pool, versions, conditions, taints, when
 * Prometheus last heard from it, and its events. Pure: the data came from loadPanel.
 */
export function NodeDetailsBody({ data, details }: { data: PanelData; details: NodeDetails | null }): ReactNode {
  if (!details || data.status === 'empty') return <PanelEmpty>{data.empty}</PanelEmpty>;
  const verdict = nodeVerdict(details);
  const iso = (s: string): string => {
    const t = Date.parse(s);
    return Number.isFinite(t) ? formatUtc(t / 1000) : s;
  };
  const inventory = details.insights.status === 'ok' ? details.insights.inventory : null;
  return (
    <div id="node-details" className="scroll-mt-20 space-y-3 text-sm">
      {data.failures.map((e) => (
        <PanelError key={`${e.source}:${e.message}`} error={e} />
      ))}
      {verdict ? (
        <div role="status" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-950">
          <p className="font-semibold">{verdict.title}</p>
          {verdict.since && <p className="mt-0.5 [overflow-wrap:anywhere]">{capitalise(verdict.since)}</p>}
          {verdict.reason && <p className="mt-0.5 [overflow-wrap:anywhere]">Reason: {verdict.reason}</p>}
        </div>
      ) : (
        details.ready === 'true' && (
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900">
            Ready; no condition in trouble.
          </p>
        )
      )}
      <dl className="grid gap-x-6 gap-y-1.5 sm:grid-cols-[max-content_1fr]">
        <Fact term="Pool">{details.pool ?? 'not labelled (no agentpool label in kube_node_labels)'}</Fact>
        <Fact term="Kubelet">{details.info?.kubeletVersion || inventory?.kubeletVersion || '—'}</Fact>
        <Fact term="OS image">{details.info?.osImage || inventory?.osImage || '—'}</Fact>
        <Fact term="Kernel">{details.info?.kernel || '—'}</Fact>
        <Fact term="Container runtime">{details.info?.containerRuntime || inventory?.containerRuntime || '—'}</Fact>
        <Fact term="Schedulable">
          {details.unschedulable === null ? '—' : details.unschedulable ? 'No (cordoned)' : 'Yes'}
        </Fact>
        <Fact term="Ready last changed">{readyChangeText(details)}</Fact>
        <Fact term="Last scrape">
          {details.lastScrape === null ? (
            '—'
          ) : (
            <ul>
              {details.lastScrape.map((s) => (
                <li key={s.exporter}>
                  {s.exporter}:{' '}
                  {s.at === null
                    ? 'no successful scrape within the range'
                    : details.range.end - s.at < 60
                      ? `${formatUtc(s.at)} (the range's last step)`
                      : `${formatUtc(s.at)} (${formatAge(details.range.end - s.at)} before the range's end)`}
                </li>
              ))}
            </ul>
          )}
        </Fact>
        {inventory && (
          <Fact term="Last report">
            {iso(inventory.lastReport)} — Container insights inventory: status {inventory.status || '—'}, Ready last
            changed {inventory.lastTransitionReady ? iso(inventory.lastTransitionReady) : '—'}
          </Fact>
        )}
      </dl>
      <div className="grid gap-3 md:grid-cols-2">
        <section aria-label="Conditions">
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Conditions</h3>
          {details.conditions === null ? (
            <p className="text-slate-500">Could not be read.</p>
          ) : details.conditions.length === 0 ? (
            <p className="text-slate-500">No kube_node_status_condition series for this node.</p>
          ) : (
            <ul className="max-w-sm space-y-0.5">
              {details.conditions.map((c) => (
                <li key={c.condition} className="flex justify-between gap-3">
                  <span>{c.condition}</span>
                  <ConditionBadge c={c} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-label="Taints">
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Taints</h3>
          {details.taints === null ? (
            <p className="text-slate-500">Could not be read.</p>
          ) : details.taints.length === 0 ? (
            <p className="text-slate-500">None.</p>
          ) : (
            <ul className="space-y-0.5 font-mono text-xs">
              {details.taints.map((t) => (
                <li key={`${t.key}:${t.effect}`} className="[overflow-wrap:anywhere]">
                  {t.key}
                  {t.value ? `=${t.value}` : ''}:{t.effect}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <NodeEvents details={details} iso={iso} />
    </div>
  );
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function readyChangeText(d: NodeDetails): string {
  const c = d.readyChange;
  if (c === null) return '—';
  if (c.kind === 'none') return 'no Ready samples within the range';
  if (c.kind === 'changed')
    return `${formatUtc(c.at)}, ${conditionWord(c.from)} → ${conditionWord(c.to)} (${formatAge(d.range.end - c.at)} ago)`;
  return `not within the range (${conditionWord(c.status)} at every sample since ${formatUtc(c.since)})`;
}

function Fact({ term, children }: { term: string; children: ReactNode }): ReactNode {
  return (
    <>
      <dt className="text-xs font-medium text-slate-500 sm:pt-0.5">{term}</dt>
      <dd className="min-w-0 text-slate-800 [overflow-wrap:anywhere]">{children}</dd>
    </>
  );
}

function ConditionBadge({ c }: { c: NodeCondition }): ReactNode {
  const bad = c.condition === 'Ready' ? c.status !== 'true' : c.status !== 'false';
  const cls = !bad
    ? 'bg-emerald-50 text-emerald-800 ring-emerald-200'
    : c.status === 'unknown'
      ? 'bg-slate-100 text-slate-800 ring-slate-300'
      : 'bg-red-50 text-red-800 ring-red-200';
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${cls}`}>
      {conditionWord(c.status)}
    </span>
  );
}

function NodeEvents({ details, iso }: { details: NodeDetails; iso: (s: string) => string }): ReactNode {
  const insights = details.insights;
  return (
    <section aria-label="Node events">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Events</h3>
      {insights.status === 'unavailable' ? (
        <PanelUnavailable what={insights.reason} capability="Container insights" />
      ) : insights.status === 'error' || insights.events === null ? (
        <p className="text-slate-500">The node&apos;s events could not be read (see above).</p>
      ) : insights.events.length === 0 ? (
        <p className="text-slate-500">No events about this node in the range (KubeEvents).</p>
      ) : (
        <ScrollArea className="overflow-x-auto">
          <table aria-label="Node events" className="w-full min-w-[560px] text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-3 font-medium">Last seen</th>
                <th className="py-1 pr-3 font-medium">Reason</th>
                <th className="py-1 pr-3 font-medium">Message</th>
                <th className="py-1 pr-3 font-medium">From</th>
                <th className="py-1 text-right font-medium">Count</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {insights.events.map((e) => (
                <tr key={`${e.reason}/${e.source}/${e.message}/${e.firstSeen}`}>
                  <td className="whitespace-nowrap py-1 pr-3 text-xs text-slate-500">{iso(e.lastSeen)}</td>
                  <td className={`py-1 pr-3 font-medium ${e.type === 'Warning' ? 'text-amber-800' : ''}`}>
                    {e.reason}
                  </td>
                  <td className="py-1 pr-3 text-slate-700 [overflow-wrap:anywhere]">{e.message}</td>
                  <td className="py-1 pr-3 text-xs text-slate-500">{e.source}</td>
                  <td className="py-1 text-right tabular-nums">{e.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </section>
  );
}
