import Link from 'next/link';
import type { ReactNode } from 'react';
import { PERSONAS } from '@/lib/catalog/types';
import type { CellStatus, OnboardingCell, OnboardingData } from '@/lib/fleet/onboarding';
import { CAPABILITIES } from '@/lib/fleet/onboarding';
import type { PanelNotice } from '@/lib/fleet/types';
// A type-only import that predates the layering rule: no runtime code of lib/sources reaches the bundle.
// eslint-disable-next-line no-restricted-imports
import type { ExecutedQuery } from '@/lib/sources/runner';
import type { ParamError } from '@/lib/url-state/overview';
import { serializeOnboardingParams, type OnboardingView as ViewState } from '@/lib/url-state/onboarding';
import { AutoSubmitForm } from '@/components/insights/auto-submit-form';
import { CopyTextButton } from '@/components/ui/copy-text-button';
import { ExecutedQueries } from '@/components/ui/executed-queries';
import { PanelNotices } from '@/components/ui/panel-notices';
import { PageHeader } from '@/components/ui/page-header';

export interface OnboardingViewProps {
  data: OnboardingData;
  view: ViewState;
  notices: readonly PanelNotice[];
  queries: readonly ExecutedQuery[];
  generatedAt: string;
  paramErrors: readonly ParamError[];
  silenceMinutes: number;
}

/** Rows rendered at once; the CSV and the API carry them all. */
const MAX_ROWS = 200;

export const PERSONA_LABELS: Record<(typeof PERSONAS)[number] | 'all', string> = {
  all: 'Every persona',
  'fleet-architect': 'Fleet architect',
  'platform-engineer': 'Platform engineer / cluster admin',
  developer: 'Developer',
  'network-engineer': 'Network engineer',
};

const CELL: Record<CellStatus, { text: string; className: string; label: string }> = {
  ok: { text: '✓', className: 'bg-emerald-50 text-emerald-700 border-emerald-200', label: 'in place' },
  gap: { text: '✕', className: 'bg-red-50 text-red-700 border-red-300 hover:bg-red-100', label: 'gap' },
  silent: {
    text: '…',
    className: 'bg-amber-50 text-amber-800 border-amber-300 hover:bg-amber-100',
    label: 'enabled but silent',
  },
  'n/a': { text: '–', className: 'bg-white text-slate-300 border-slate-100', label: 'does not apply' },
  unknown: { text: '?', className: 'bg-slate-50 text-slate-500 border-slate-200', label: 'unknown' },
};

function href(view: ViewState, patch: Partial<ViewState>): string {
  const qs = serializeOnboardingParams({ ...view, ...patch });
  return qs ? `/onboarding?${qs}` : '/onboarding';
}

function Cell({ cell, cluster, view }: { cell: OnboardingCell; cluster: string; view: ViewState }): ReactNode {
  const style = CELL[cell.status];
  const cap = CAPABILITIES.find((c) => c.id === cell.capability)?.label ?? cell.capability;
  const label = `${cluster} · ${cap}: ${style.label} — ${cell.detail}`;
  const key = `${cluster}~${cell.capability}`;
  const selected = view.selected === key;
  const body = (
    <span
      aria-hidden="true"
      className={`inline-flex h-7 w-7 items-center justify-center rounded border text-sm font-semibold ${style.className} ${selected ? 'ring-2 ring-sky-500' : ''}`}
    >
      {style.text}
    </span>
  );
  return (
    <td className="px-1 py-1 text-center">
      {cell.fix ? (
        <Link
          href={`${href(view, { selected: key })}#fix`}
          prefetch={false}
          scroll={false}
          aria-label={`${label}. Show the fix`}
          aria-current={selected ? 'true' : undefined}
        >
          {body}
        </Link>
      ) : (
        <span role="img" aria-label={label}>
          {body}
        </span>
      )}
    </td>
  );
}

function FixPanel({ data, view }: { data: OnboardingData; view: ViewState }): ReactNode {
  if (!view.selected) return null;
  const [cluster, capability] = view.selected.split('~');
  const row = data.rows.find((r) => r.name === cluster);
  const cell = row?.cells.find((c) => c.capability === capability);
  const cap = CAPABILITIES.find((c) => c.id === capability);
  return (
    <section id="fix" aria-labelledby="fix-title" className="rounded-lg border border-sky-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="fix-title" className="text-base font-semibold">
          {row && cap ? (
            <>
              Fix <span className="font-mono">{row.name}</span> · {cap.label}
            </>
          ) : (
            'The selected cell is not in this view'
          )}
        </h2>
        <Link href={href(view, { selected: null })} scroll={false} className="text-sm text-slate-500 underline">
          Close
        </Link>
      </div>
      {row && cell ? (
        <>
          <p className="mt-1 text-sm text-slate-600">
            {CELL[cell.status].label}: {cell.detail}. Resource group{' '}
            <span className="font-mono">{row.resourceGroup}</span>, subscription{' '}
            <span className="font-mono">{row.subscriptionId}</span>.
          </p>
          {cell.fix ? (
            <div className="relative mt-3">
              <pre
                aria-label="Command that closes the gap"
                className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-3 pr-20 text-xs leading-relaxed text-slate-100"
              >
                <code>{cell.fix}</code>
              </pre>
              <span className="absolute right-2 top-2">
                <CopyTextButton text={cell.fix} label={`Copy the fix for ${row.name}`} />
              </span>
            </div>
          ) : (
            <p className="mt-2 text-sm text-slate-600">Nothing to fix here.</p>
          )}
          {cell.fix?.includes('recommended-metric-alerts.json') && (
            <p className="mt-2 text-xs text-slate-500">
              The template is Azure&apos;s recommended Prometheus alert rules;{' '}
              <a className="underline" href="/templates/recommended-metric-alerts.json" download>
                download recommended-metric-alerts.json
              </a>{' '}
              and set <code>ACTION_GROUP_ID</code> to the action group that should be notified.
            </p>
          )}
          {cell.fix?.includes('$') && !cell.fix.includes('recommended-metric-alerts.json') && (
            <p className="mt-2 text-xs text-slate-500">
              Set the variables in capitals first: no destination of that kind was found in this subscription.
            </p>
          )}
        </>
      ) : (
        <p className="mt-1 text-sm text-slate-600">Clear the filters or pick another cell.</p>
      )}
    </section>
  );
}

export function OnboardingView({
  data,
  view,
  notices,
  queries,
  generatedAt,
  paramErrors,
  silenceMinutes,
}: OnboardingViewProps): ReactNode {
  const filters = serializeOnboardingParams({ ...view, selected: null });
  const csv = `/api/onboarding?${filters ? `${filters}&` : ''}format=csv`;
  return (
    <div className="space-y-4">
      <PageHeader title="Monitoring onboarding" csvHref={csv} paramErrors={paramErrors}>
        Which clusters follow the monitoring guide&apos;s recommendations, and the exact command that closes each gap.
        Data as of <time dateTime={generatedAt}>{generatedAt.slice(0, 16).replace('T', ' ')} UTC</time>; “silent” means
        enabled with no data for {silenceMinutes} min.
      </PageHeader>

      <AutoSubmitForm action="/onboarding" label="Onboarding filters">
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Persona</span>
          <select
            name="persona"
            defaultValue={view.persona === 'all' ? '' : view.persona}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {(['all', ...PERSONAS] as const).map((p) => (
              <option key={p} value={p === 'all' ? '' : p}>
                {PERSONA_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Capability</span>
          <select
            name="cap"
            defaultValue={view.capability ?? ''}
            className="mt-1 max-w-[14rem] rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">All for the persona</option>
            {CAPABILITIES.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Search clusters</span>
          <input
            type="search"
            name="q"
            defaultValue={view.q}
            placeholder="name or resource group"
            className="mt-1 w-52 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
        </label>
        <label className="flex items-center gap-2 pb-1.5 text-sm">
          <input type="checkbox" name="gaps" value="1" defaultChecked={view.gapsOnly} className="h-4 w-4" />
          Only clusters with gaps
        </label>
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">
          Apply
        </button>
      </AutoSubmitForm>

      <p className="text-sm text-slate-700" aria-live="polite">
        <strong>{data.totals.clustersWithGaps}</strong> of {data.totals.clusters} clusters have gaps:{' '}
        <strong>{data.totals.gaps}</strong> missing settings and <strong>{data.totals.silent}</strong> enabled but
        silent.
      </p>

      <PanelNotices notices={notices} />
      <FixPanel data={data} view={view} />

      {data.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="font-medium">No cluster matches these filters.</p>
          <Link href="/onboarding" className="mt-2 inline-block text-sm text-sky-700 underline">
            Clear the filters
          </Link>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full border-collapse text-sm">
            <caption className="sr-only">Clusters by monitoring capability</caption>
            <thead className="bg-slate-50">
              <tr>
                <th
                  scope="col"
                  className="sticky left-0 z-10 bg-slate-50 px-3 py-2 text-left align-bottom font-medium text-slate-600"
                >
                  Cluster
                </th>
                {data.columns.map((c) => (
                  <th key={c.id} scope="col" className="px-1 py-2 align-bottom text-xs font-medium text-slate-600">
                    <div className="flex min-w-[3.6rem] flex-col items-center gap-1">
                      <span title={c.label}>{c.short}</span>
                      {c.gaps > 0 ? (
                        <CopyTextButton tone="light" text={c.script} label={`Copy all ${c.gaps} fixes for ${c.label}`}>
                          {c.gaps} fixes
                        </CopyTextButton>
                      ) : (
                        <span className="text-[11px] text-emerald-700">none</span>
                      )}
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.slice(0, MAX_ROWS).map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <th scope="row" className="sticky left-0 z-10 max-w-[16rem] bg-white px-3 py-1 text-left font-normal">
                    <div className="truncate font-mono text-xs font-medium" title={r.name}>
                      {r.name}
                    </div>
                    <div className="truncate text-[11px] text-slate-500">
                      {r.provider.toUpperCase()} · {r.resourceGroup} · {r.gaps} gap{r.gaps === 1 ? '' : 's'}
                    </div>
                  </th>
                  {r.cells.map((c) => (
                    <Cell key={c.capability} cell={c} cluster={r.name} view={view} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.rows.length > MAX_ROWS && (
        <p role="status" className="text-sm text-slate-600">
          Showing the first {MAX_ROWS} of {data.rows.length} clusters: search, pick a capability or “only clusters with
          gaps” to narrow it; the CSV export holds every row.
        </p>
      )}
      <p className="text-xs text-slate-500">
        ✓ in place · ✕ gap (select it for the command) · … enabled but silent · – does not apply · ? source unavailable.
        Control-plane columns follow the guide&apos;s table: cluster-autoscaler only where a pool autoscales, guard only
        with Entra ID integration, kube-audit to storage.
      </p>
      <ExecutedQueries queries={queries} />
    </div>
  );
}
