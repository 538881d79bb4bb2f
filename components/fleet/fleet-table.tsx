'use client';

import { useWindowVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { FleetFilters, SortKey } from '@/lib/fleet/filter';
import { HEALTH_THRESHOLDS } from '@/lib/fleet/health';
import type { OverviewRow } from '@/lib/fleet/rows';
import { clusterPageHref, reasonHref } from '@/lib/fleet/cluster/layers';
import { platformLabel, platformParts } from '@/lib/fleet/platform';
import { formatAge, formatCount, formatUtc } from '@/lib/format';
import { SORT_LABELS } from './filter-bar';
import { HealthBadge } from './health-badge';
import { UtilizationCell } from './utilization-cell';
import { NODE_FIGURES } from '@/lib/fleet/figures';

const GRID =
  'xl:grid xl:grid-cols-[minmax(11rem,1.6fr)_5.5rem_7rem_5.5rem_minmax(16rem,3fr)_4.5rem_7.5rem_6.5rem_6.5rem_5.5rem] xl:items-center xl:gap-3';

const COLUMNS: Array<{ key: SortKey; label: string; hint?: string; align?: 'right' }> = [
  { key: 'name', label: 'Cluster' },
  { key: 'provider', label: 'Provider' },
  { key: 'region', label: 'Region' },
  { key: 'version', label: 'Version' },
  { key: 'health', label: 'Health' },
  { key: 'nodes', label: 'Nodes', align: 'right' },
  { key: 'pods', label: 'Pods', hint: 'run / pend / fail', align: 'right' },
  { key: 'cpu', label: 'CPU', hint: 'node busy' },
  { key: 'memory', label: 'Memory', hint: 'node in use' },
  { key: 'upgrade', label: 'Last upgrade' },
];

/** Numbers read best from the top: first click sorts them descending, names ascending. */
const FIRST_DIRECTION: Record<SortKey, 'asc' | 'desc'> = {
  health: 'desc',
  name: 'asc',
  provider: 'asc',
  region: 'asc',
  version: 'asc',
  nodes: 'desc',
  pods: 'desc',
  cpu: 'desc',
  memory: 'desc',
  upgrade: 'desc',
};

export interface FleetTableProps {
  rows: readonly OverviewRow[];
  total: number;
  generatedAt: string;
  sort: FleetFilters['sort'];
  dir: FleetFilters['dir'];
  onSort: (sort: SortKey, dir: 'asc' | 'desc') => void;
  onClearFilters: () => void;
}

function Pods({ c }: { c: OverviewRow }): ReactNode {
  if (c.pods.running === null) return <span className="text-slate-500">—</span>;
  return (
    <span className="tabular-nums">
      {formatCount(c.pods.running)}
      <span className="text-slate-500"> / </span>
      <span className={c.pods.pending ? 'font-medium text-amber-700' : ''}>{formatCount(c.pods.pending)}</span>
      <span className="text-slate-500"> / </span>
      <span className={c.pods.failed ? 'font-medium text-red-700' : ''}>{formatCount(c.pods.failed)}</span>
    </span>
  );
}

function Reasons({ c }: { c: OverviewRow }): ReactNode {
  const [first, ...rest] = c.health.reasons;
  return (
    <span className="flex min-w-0 items-center gap-2">
      <HealthBadge status={c.health.status} />
      {first && (
        <span
          className="line-clamp-2 min-w-0 text-xs leading-snug text-slate-600"
          title={c.health.reasons.map((r) => r.message).join('\n')}
        >
          {/* The reason's layer page (or the alerts view) shows the signal behind it. */}
          <Link href={reasonHref(c.name, first)} prefetch={false} className="hover:underline">
            {first.message}
          </Link>
          {rest.length > 0 && <span className="ml-1 text-slate-500">+{rest.length} more</span>}
        </span>
      )}
    </span>
  );
}

function ClusterRow({ c, generatedAt }: { c: OverviewRow; generatedAt: string }): ReactNode {
  const t = HEALTH_THRESHOLDS;
  const provider = platformLabel(c);
  const platform = platformParts(c);
  return (
    <>
      <div role="cell" className="min-w-0">
        <div className="flex items-start justify-between gap-2">
          <div className="min-w-0">
            {/* Not prefetched: each visible row would run its cluster's lookup on the server. */}
            <Link
              href={clusterPageHref(c.name, 'summary')}
              prefetch={false}
              className="block truncate font-medium text-sky-800 hover:underline"
              title={c.name}
            >
              {c.name}
            </Link>
            <div className="truncate text-xs text-slate-500" title={c.id}>
              {c.resourceGroup}
            </div>
          </div>
          <span className="shrink-0 xl:hidden">
            <HealthBadge status={c.health.status} />
          </span>
        </div>
      </div>
      {/* Two short lines rather than one wrapped into three in the narrow column. */}
      <div role="cell" className="hidden text-sm xl:block" title={provider}>
        {platform.distribution}
        {platform.known && (
          <>
            <span className="sr-only"> · </span>
            <span className="block whitespace-nowrap text-xs text-slate-500">{platform.known}</span>
          </>
        )}
      </div>
      <div role="cell" className="hidden truncate text-sm xl:block">
        {c.region}
      </div>
      <div role="cell" className="hidden text-sm tabular-nums xl:block">
        {c.kubernetesVersion}
        {c.versionSupport === 'out-of-support' && (
          <span className="ml-1 rounded bg-red-100 px-1 text-[10px] font-semibold uppercase text-red-700">EOL</span>
        )}
      </div>
      {/* Narrow screens: provider, region and version on one line under the name. */}
      <div className="mt-0.5 text-xs text-slate-600 xl:hidden">
        {provider} · {c.region} · {c.kubernetesVersion}
        {c.versionSupport === 'out-of-support' && (
          <span className="ml-1 rounded bg-red-100 px-1 text-[10px] font-semibold uppercase text-red-700">EOL</span>
        )}
      </div>
      <div role="cell" className="mt-1 min-w-0 xl:mt-0">
        <span className="hidden xl:block">
          <Reasons c={c} />
        </span>
        {c.health.reasons[0] && (
          <span
            className="block truncate text-xs text-slate-600 xl:hidden"
            title={c.health.reasons.map((r) => r.message).join('\n')}
          >
            {c.health.reasons[0].message}
            {c.health.reasons.length > 1 && (
              <span className="ml-1 text-slate-500">+{c.health.reasons.length - 1} more</span>
            )}
          </span>
        )}
      </div>
      <div className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4 xl:contents">
        <div role="cell" className="tabular-nums xl:text-right" title="Ready / total nodes">
          <span className="text-xs text-slate-500 xl:hidden">Nodes </span>
          {c.nodes.ready === null ? '—' : formatCount(c.nodes.ready)}/{formatCount(c.nodes.total)}
        </div>
        <div role="cell" className="xl:text-right" title="Pods running / pending / failed">
          <span className="text-xs text-slate-500 xl:hidden">Pods </span>
          <Pods c={c} />
        </div>
        <div role="cell" className="flex items-center gap-1">
          <span className="text-xs text-slate-500 xl:hidden">CPU</span>
          <UtilizationCell
            value={c.cpu.utilization}
            warning={t.cpuWarning}
            critical={t.cpuCritical}
            label={NODE_FIGURES.cpuBusy.label}
          />
        </div>
        <div role="cell" className="flex items-center gap-1">
          <span className="text-xs text-slate-500 xl:hidden">Mem</span>
          <UtilizationCell
            value={c.memory.utilization}
            warning={t.memoryWarning}
            critical={t.memoryCritical}
            label={NODE_FIGURES.memoryInUse.label}
          />
        </div>
      </div>
      <div
        role="cell"
        className="hidden text-sm text-slate-600 xl:block"
        title={
          c.lastUpgrade
            ? formatUtc(c.lastUpgrade)
            : c.provider === 'arc'
              ? 'Arc clusters are upgraded outside Azure'
              : 'No upgrade in the last 90 days'
        }
      >
        {formatAge(c.lastUpgrade, generatedAt)}
      </div>
    </>
  );
}

/**
 * Every cluster, virtualised against the window scroll so 5,000 rows cost the DOM of the
 * ~30 on screen. Rows are measured, so the taller card layout on phones needs no other code.
 */
export function FleetTable({
  rows,
  total,
  generatedAt,
  sort,
  dir,
  onSort,
  onClearFilters,
}: FleetTableProps): ReactNode {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const update = () =>
      setScrollMargin(listRef.current ? listRef.current.getBoundingClientRect().top + window.scrollY : 0);
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => 60,
    overscan: 8,
    scrollMargin,
    initialRect: { width: 1440, height: 900 },
    getItemKey: (i) => rows[i]?.id ?? i,
  });
  const items = virtualizer.getVirtualItems();

  return (
    <div
      role="table"
      aria-label="Clusters"
      aria-rowcount={rows.length + 1}
      className="rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <div
        role="rowgroup"
        className="sticky top-12 z-10 hidden rounded-t-lg border-b border-slate-200 bg-slate-50/95 backdrop-blur xl:block"
      >
        <div
          role="row"
          aria-rowindex={1}
          className={`${GRID} px-4 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500`}
        >
          {COLUMNS.map((col) => {
            const activeCol = col.key === sort;
            return (
              <div
                key={col.key}
                role="columnheader"
                aria-sort={activeCol ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                className={col.align === 'right' ? 'text-right' : ''}
              >
                <button
                  type="button"
                  onClick={() =>
                    onSort(col.key, activeCol ? (dir === 'asc' ? 'desc' : 'asc') : FIRST_DIRECTION[col.key])
                  }
                  className={`inline-flex items-center gap-1 uppercase hover:text-slate-900 ${activeCol ? 'text-slate-900' : ''}`}
                  title={`Sort by ${SORT_LABELS[col.key].toLowerCase()}`}
                >
                  <span className="flex flex-col items-end leading-tight">
                    <span className="self-start">{col.label}</span>
                    {col.hint && (
                      <span className="text-[10px] font-normal normal-case tracking-normal text-slate-500">
                        {col.hint}
                      </span>
                    )}
                  </span>
                  <span aria-hidden="true" className={activeCol ? '' : 'invisible'}>
                    {dir === 'asc' ? '▲' : '▼'}
                  </span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
      {rows.length === 0 ? (
        <div role="row" className="px-4 py-16 text-center">
          <div role="cell">
            <p className="font-medium text-slate-700">
              {total === 0 ? 'No clusters in scope' : 'No clusters match these filters'}
            </p>
            <p className="mt-1 text-sm text-slate-500">
              {total === 0
                ? 'The inventory returned no AKS or Arc-connected clusters.'
                : `None of the ${formatCount(total)} clusters match.`}
            </p>
            {total > 0 && (
              <button
                type="button"
                onClick={onClearFilters}
                className="mt-4 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
              >
                Clear all filters
              </button>
            )}
          </div>
        </div>
      ) : (
        <div role="rowgroup" ref={listRef} className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const c = rows[item.index];
            if (!c) return null;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                data-cluster={c.name}
                ref={virtualizer.measureElement}
                className={`${GRID} absolute left-0 top-0 w-full border-b border-slate-100 px-4 py-2.5 hover:bg-slate-50`}
                style={{ transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
              >
                <ClusterRow c={c} generatedAt={generatedAt} />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
