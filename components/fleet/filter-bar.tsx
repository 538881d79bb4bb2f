'use client';

import type { ReactNode } from 'react';
import type { FleetFilters, FleetSummary, SortKey } from '@/lib/fleet/filter';
import { SORT_KEYS } from '@/lib/fleet/filter';
import { PROVIDER_GROUP_LABELS } from '@/lib/fleet/platform';
import { HEALTH_STATUSES, type HealthStatus } from '@/lib/fleet/types';
import { MAX_SEARCH_LENGTH } from '@/lib/url-state/overview';
import { HEALTH_LABELS } from './health-badge';
import { MultiSelect } from './multi-select';

export const SORT_LABELS: Record<SortKey, string> = {
  health: 'Health',
  name: 'Name',
  provider: 'Provider',
  region: 'Region',
  version: 'Version',
  nodes: 'Nodes',
  pods: 'Pods',
  cpu: 'CPU',
  memory: 'Memory',
  upgrade: 'Last upgrade',
};

export interface FilterBarProps {
  filters: FleetFilters;
  summary: FleetSummary;
  onChange: (patch: Partial<FleetFilters>) => void;
  onClear: () => void;
}

export function FilterBar({ filters, summary, onChange, onClear }: FilterBarProps): ReactNode {
  const active =
    filters.q || filters.health.length || filters.provider.length || filters.region.length || filters.version.length;
  return (
    <div role="search" className="flex flex-wrap items-center gap-2">
      <label className="relative min-w-0 flex-1 basis-full sm:basis-72 sm:flex-none">
        <span className="sr-only">Search clusters</span>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="pointer-events-none absolute left-2.5 top-2 h-4 w-4 text-slate-500"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <circle cx="9" cy="9" r="6" />
          <path d="m14 14 4 4" />
        </svg>
        <input
          type="search"
          value={filters.q}
          maxLength={MAX_SEARCH_LENGTH}
          onChange={(e) => onChange({ q: e.target.value })}
          placeholder="Search name, group, region, tag…"
          className="w-full rounded-md border border-slate-300 bg-white py-1.5 pl-8 pr-2 text-sm shadow-sm placeholder:text-slate-500"
        />
      </label>
      <MultiSelect
        label="Health"
        options={HEALTH_STATUSES.map((s) => ({ value: s, label: HEALTH_LABELS[s], count: summary.byHealth[s] }))}
        selected={filters.health}
        onChange={(next) => onChange({ health: next as HealthStatus[] })}
      />
      <MultiSelect
        label="Provider"
        options={[
          // "All Arc-connected" / "all metrics only" when the fleet has more than one such platform (or a link chose it).
          ...(['arc', 'prometheus'] as const)
            .filter(
              (k) => filters.provider.includes(k) || summary.byProvider.filter((p) => p.provider === k).length > 1,
            )
            .map((k) => ({ value: k, label: PROVIDER_GROUP_LABELS[k] })),
          ...summary.byProvider.map((p) => ({ value: p.key, label: p.label, count: p.count })),
        ]}
        selected={filters.provider}
        onChange={(next) => onChange({ provider: next })}
      />
      <MultiSelect
        label="Region"
        options={summary.regions.map((r) => ({ value: r, label: r }))}
        selected={filters.region}
        onChange={(next) => onChange({ region: next })}
      />
      <MultiSelect
        label="Version"
        options={summary.byMinor
          .filter((m) => m.minor !== 'unknown')
          .map((m) => ({ value: m.minor, label: `${m.minor}${m.supported ? '' : ' (EOL)'}`, count: m.count }))}
        selected={filters.version}
        onChange={(next) => onChange({ version: next })}
      />
      <label className="flex items-center gap-1.5 text-sm xl:hidden">
        <span className="text-slate-500">Sort</span>
        <select
          value={`${filters.sort}:${filters.dir}`}
          onChange={(e) => {
            const [sort, dir] = e.target.value.split(':') as [SortKey, 'asc' | 'desc'];
            onChange({ sort, dir });
          }}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm"
        >
          {SORT_KEYS.flatMap((k) => [
            <option key={`${k}:desc`} value={`${k}:desc`}>
              {SORT_LABELS[k]} ↓
            </option>,
            <option key={`${k}:asc`} value={`${k}:asc`}>
              {SORT_LABELS[k]} ↑
            </option>,
          ])}
        </select>
      </label>
      {active ? (
        <button
          type="button"
          onClick={onClear}
          className="rounded-md px-2 py-1.5 text-sm text-slate-600 underline-offset-2 hover:underline"
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
