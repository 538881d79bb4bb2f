import Link from 'next/link';
import type { ReactNode } from 'react';
import type { NodeRow } from '@/lib/fleet/cluster/build';
import {
  conditionWord,
  formatAge,
  formatUtc,
  type NodeTriageRow,
  type ReadyChange,
} from '@/lib/fleet/cluster/node-details';
import type { PanelData, TableColumn } from '@/lib/fleet/cluster/panels';
import { formatValue } from '@/lib/fleet/cluster/units';
import { hrefWith, type ClusterPageContext } from './context';
import { ColumnHeads, PanelEmpty, PanelError } from './panel';

const READY: Record<NonNullable<NodeRow['ready']>, { text: string; cls: string }> = {
  true: { text: 'Ready', cls: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
  false: { text: 'NotReady', cls: 'bg-red-50 text-red-800 ring-red-200' },
  unknown: { text: 'Unknown', cls: 'bg-slate-100 text-slate-700 ring-slate-200' },
};

/** L1's node table: readiness, allocatable CPU and memory, pods against capacity; a node links to its charts. */
export function NodeTable({
  data,
  rows,
  columns,
  ctx,
}: {
  data: PanelData;
  rows: NodeTriageRow[];
  columns: readonly TableColumn[];
  ctx: ClusterPageContext;
}): ReactNode {
  return (
    <div className="space-y-2">
      {data.failures.map((e) => (
        <PanelError key={`${e.source}:${e.message}`} error={e} />
      ))}
      {rows.length === 0 ? (
        data.failures.length === 0 && <PanelEmpty>{data.empty}</PanelEmpty>
      ) : (
        <div className="max-h-96 overflow-auto">
          <table aria-label="Nodes" className="w-full min-w-[560px] text-left text-sm">
            <thead className="sticky top-0 bg-white text-xs text-slate-500">
              <tr>
                <ColumnHeads columns={columns} />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <NodeTableRow key={r.name} r={r} ctx={ctx} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {ctx.view.node && (
        <p className="flex flex-wrap gap-x-4 gap-y-1">
          <a
            href="#node-details"
            className="inline-block text-xs font-medium text-sky-700 underline underline-offset-2"
          >
            Details of {ctx.view.node}
          </a>
          <Link
            href={hrefWith(ctx, 'nodes', { node: null })}
            className="inline-block text-xs font-medium text-sky-700 underline underline-offset-2"
          >
            Show every node
          </Link>
        </p>
      )}
    </div>
  );
}

/** How long Ready has held its status, in words: since the change in the range, or the whole range. */
export function readyAge(change: ReadyChange | null, end: number): string | null {
  if (!change || change.kind === 'none') return null;
  if (change.kind === 'changed') return `for ${formatAge(end - change.at)} (since ${formatUtc(change.at)})`;
  return `for the whole range (≥ ${formatAge(end - change.since)})`;
}

function NodeTableRow({ r, ctx }: { r: NodeTriageRow; ctx: ClusterPageContext }): ReactNode {
  const selected = ctx.view.node === r.name;
  const share = r.podsRunning !== null && r.podsCapacity ? r.podsRunning / r.podsCapacity : null;
  return (
    <tr data-node={r.name} aria-selected={selected} className={selected ? 'bg-sky-50' : ''}>
      <td className="max-w-[280px] truncate py-1.5 pr-3">
        <Link
          href={hrefWith(ctx, 'nodes', { node: r.name })}
          className="font-medium text-sky-700 hover:underline"
          title={r.name}
        >
          {r.name}
        </Link>
      </td>
      <td className="max-w-[160px] truncate py-1.5 pr-3 text-slate-700" title={r.pool ?? undefined}>
        {r.pool ?? '—'}
      </td>
      <td className="min-w-[13rem] py-1.5 pr-3">
        {r.ready ? (
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${READY[r.ready].cls}`}>
            {READY[r.ready].text}
          </span>
        ) : (
          '—'
        )}
        <NotReadyWhy r={r} end={ctx.range.end} />
      </td>
      <td className="py-1.5 pr-3 text-right tabular-nums">
        {r.cpuCores === null ? '—' : formatValue(r.cpuCores, 'cores', false)}
      </td>
      <td className="py-1.5 pr-3 text-right tabular-nums">
        {r.memoryBytes === null ? '—' : formatValue(r.memoryBytes, 'bytes', false)}
      </td>
      <td className="py-1.5">
        <span className="flex items-center gap-2 tabular-nums">
          <span className="w-16 text-xs">
            {r.podsRunning ?? '—'} / {r.podsCapacity ?? '—'}
          </span>
          {share !== null && (
            <span aria-hidden="true" className="h-1.5 w-24 overflow-hidden rounded bg-slate-100">
              <span
                className={`block h-full ${share > 0.9 ? 'bg-red-500' : share > 0.7 ? 'bg-amber-500' : 'bg-sky-500'}`}
                style={{ width: `${Math.min(100, share * 100)}%` }}
              />
            </span>
          )}
        </span>
      </td>
    </tr>
  );
}

/** Under a not-Ready node's badge: the other conditions in trouble and how long Ready has been so. */
function NotReadyWhy({ r, end }: { r: NodeTriageRow; end: number }): ReactNode {
  const others = r.trouble.filter((c) => c.condition !== 'Ready');
  // A node whose kubelet stopped posting has every condition Unknown: say so once.
  const allUnknown = r.ready === 'unknown' && others.length > 1 && others.every((c) => c.status === 'unknown');
  const notReady = r.ready !== null && r.ready !== 'true';
  if (!notReady && others.length === 0) return null;
  const age = notReady ? readyAge(r.readyChange, end) : null;
  return (
    <span className="mt-0.5 block text-xs text-slate-600" data-testid="node-why">
      {others.length > 0 && (
        <span>
          {allUnknown
            ? 'every condition Unknown'
            : others.map((c) => `${c.condition} ${conditionWord(c.status)}`).join(', ')}
        </span>
      )}
      {others.length > 0 && age && ' · '}
      {age && <span>{age}</span>}
    </span>
  );
}
