'use client';

import { useQueryStates } from 'nuqs';
import { useCallback, useDeferredValue, useMemo, type ReactNode } from 'react';
import { applyFleetFilters, DEFAULT_FILTERS, summarizeFleet, type FleetFilters } from '@/lib/fleet/filter';
import type { PanelNotice } from '@/lib/fleet/types';
import type { OverviewRow } from '@/lib/fleet/rows';
// A type-only import that predates the layering rule: no runtime code of lib/sources reaches the bundle.
// eslint-disable-next-line no-restricted-imports
import type { ExecutedQuery } from '@/lib/sources/runner';
import { formatCount, formatUtc } from '@/lib/format';
import { overviewParsers, overviewUrlValues, type ParamError } from '@/lib/url-state/overview';
import { CopyLinkButton } from '../ui/copy-link-button';
import { ExecutedQueries } from '../ui/executed-queries';
import { PanelNotices } from '../ui/panel-notices';
import { FilterBar } from './filter-bar';
import { FleetTable } from './fleet-table';
import { SummaryStrip } from './summary-strip';
import { IgnoredParams } from '@/components/ui/ignored-params';

export interface FleetOverviewProps {
  clusters: OverviewRow[];
  generatedAt: string;
  paramErrors: ParamError[];
  notices: PanelNotice[];
  queries: ExecutedQuery[];
}

const toggle = <T,>(list: readonly T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

/**
 * The overview's interactive part. Filtering happens here, on data the server already
 * sent; the filters live in the URL (nuqs, shallow: no server round trip), so the address bar
 * is always a shareable link.
 */
export function FleetOverview({ clusters, generatedAt, paramErrors, notices, queries }: FleetOverviewProps): ReactNode {
  const [filters, setQuery] = useQueryStates(overviewParsers);
  const deferred = useDeferredValue(filters);
  const rows = useMemo(() => applyFleetFilters(clusters, deferred), [clusters, deferred]);
  const summary = useMemo(() => summarizeFleet(clusters), [clusters]);

  const patch = useCallback(
    (p: Partial<FleetFilters>) => void setQuery((f) => overviewUrlValues({ ...f, ...p })),
    [setQuery],
  );
  const clear = useCallback(
    () => void setQuery((f) => overviewUrlValues({ ...DEFAULT_FILTERS, sort: f.sort, dir: f.dir })),
    [setQuery],
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Fleet overview</h1>
          <p className="text-sm text-slate-500">
            Which clusters are unhealthy, and why · as of <time dateTime={generatedAt}>{formatUtc(generatedAt)}</time>
          </p>
        </div>
        <CopyLinkButton />
      </div>

      <IgnoredParams errors={paramErrors} />
      <PanelNotices notices={notices} />

      <SummaryStrip
        summary={summary}
        activeHealth={filters.health}
        activeProviders={filters.provider}
        activeVersions={filters.version}
        onToggleHealth={(s) => patch({ health: toggle(filters.health, s) })}
        onToggleProvider={(p) => patch({ provider: toggle(filters.provider, p) })}
        onToggleVersion={(m) => patch({ version: toggle(filters.version, m) })}
      />

      <FilterBar filters={filters} summary={summary} onChange={patch} onClear={clear} />

      <p className="text-sm text-slate-600" aria-live="polite">
        Showing <strong data-testid="visible-count">{formatCount(rows.length)}</strong> of{' '}
        {formatCount(clusters.length)} clusters
      </p>

      <FleetTable
        rows={rows}
        total={clusters.length}
        generatedAt={generatedAt}
        sort={filters.sort}
        dir={filters.dir}
        onSort={(sort, dir) => patch({ sort, dir })}
        onClearFilters={clear}
      />

      <ExecutedQueries queries={queries} />
    </div>
  );
}
