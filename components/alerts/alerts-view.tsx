import Link from 'next/link';
import type { ReactNode } from 'react';
import type { AlertFilters, AlertsData } from '@/lib/fleet/alerts';
import { ALERT_GROUPS, SEVERITIES } from '@/lib/fleet/alerts';
import type { PanelNotice } from '@/lib/fleet/types';
import { formatUtc, pluralWord } from '@/lib/format';
// A type-only import that predates the layering rule: no runtime code of lib/sources reaches the bundle.
// eslint-disable-next-line no-restricted-imports
import type { ExecutedQuery } from '@/lib/sources/runner';
import { serializeAlertParams } from '@/lib/url-state/alerts';
import type { ParamError } from '@/lib/url-state/overview';
import { AutoSubmitForm } from '@/components/insights/auto-submit-form';
import { SeverityBadge } from '@/components/ui/severity-badge';
import { CopyTextButton } from '@/components/ui/copy-text-button';
import { ExecutedQueries } from '@/components/ui/executed-queries';
import { PanelNotices } from '@/components/ui/panel-notices';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollArea } from '@/components/ui/scroll-area';

export interface AlertsViewProps {
  data: AlertsData;
  view: AlertFilters;
  notices: readonly PanelNotice[];
  queries: readonly ExecutedQuery[];
  generatedAt: string;
  paramErrors: readonly ParamError[];
}

const GROUP_LABEL: Record<(typeof ALERT_GROUPS)[number], string> = {
  cluster: 'Cluster',
  severity: 'Severity',
  rule: 'Rule',
};
export function AlertsView({ data, view, notices, queries, generatedAt, paramErrors }: AlertsViewProps): ReactNode {
  const gaps = data.coverage.filter((r) => r.fix);
  const script = [
    '#!/usr/bin/env bash',
    `# Fleetwatch: deploy Azure's recommended Prometheus alert rules to ${gaps.length} cluster(s)`,
    '# Needs recommended-metric-alerts.json (download it from this page) and ACTION_GROUP_ID.',
    'set -euo pipefail',
    ...gaps.map((r) => `\n# ${r.cluster}\n${r.fix ?? ''}`),
  ].join('\n');
  return (
    <div className="space-y-4">
      <PageHeader title="Alerts" paramErrors={paramErrors}>
        Azure Monitor alerts and Prometheus rulers&apos; alerts firing across the fleet, and which clusters carry
        Azure&apos;s {data.rules.length} recommended Prometheus alert rules. As of {formatUtc(generatedAt)}.
      </PageHeader>

      <AutoSubmitForm action="/alerts" label="Alert filters">
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Group by</span>
          <select
            name="group"
            defaultValue={view.group === 'cluster' ? '' : view.group}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {ALERT_GROUPS.map((g) => (
              <option key={g} value={g === 'cluster' ? '' : g}>
                {GROUP_LABEL[g]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Severity</span>
          <select
            name="sev"
            defaultValue={view.severity ?? ''}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">Any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
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
            placeholder="cluster name"
            className="mt-1 w-48 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
        </label>
        <label className="flex items-center gap-2 pb-1.5 text-sm">
          <input type="checkbox" name="cov" value="gaps" defaultChecked={view.coverageGaps} className="h-4 w-4" />
          Only clusters missing rules
        </label>
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">
          Apply
        </button>
      </AutoSubmitForm>

      <PanelNotices notices={notices} />

      <p className="text-sm text-slate-700" aria-live="polite">
        <strong>{data.totals.firing}</strong> {pluralWord(data.totals.firing, 'alert')} firing on{' '}
        <strong>{data.totals.clustersFiring}</strong> {pluralWord(data.totals.clustersFiring, 'cluster')} ·{' '}
        <strong>{data.totals.coveredClusters}</strong> of {data.totals.clusters}{' '}
        {pluralWord(data.totals.clusters, 'cluster')} {data.totals.coveredClusters === 1 ? 'has' : 'have'} every
        recommended rule enabled.
      </p>

      <section aria-labelledby="firing-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 id="firing-title" className="border-b border-slate-200 px-4 py-2.5 text-sm font-semibold">
          Firing, by {GROUP_LABEL[view.group].toLowerCase()}
        </h2>
        {data.groups.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600">
            Nothing is firing{view.severity || view.q ? ' for these filters' : ''}.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {data.groups.map((g) => (
              <li key={g.key} className="px-4 py-2">
                <details>
                  <summary className="flex cursor-pointer flex-wrap items-center gap-2 text-sm">
                    <SeverityBadge severity={g.worstSeverity} />
                    <span className="font-mono text-xs font-medium">{g.key}</span>
                    <span className="text-slate-500">
                      {g.count} {pluralWord(g.count, 'alert')}
                    </span>
                  </summary>
                  <ul className="mt-2 space-y-1 pl-2 text-xs">
                    {g.alerts.slice(0, 50).map((a) => (
                      <li key={a.id} className="flex flex-wrap gap-x-2">
                        <SeverityBadge severity={a.severity} />
                        <span className="font-medium">{a.rule}</span>
                        <span className="font-mono">{a.cluster ?? '—'}</span>
                        <span className="text-slate-500">{a.since ? `since ${formatUtc(a.since)}` : a.service}</span>
                        <span className="w-full text-slate-600">{a.description}</span>
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="coverage-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2.5">
          <h2 id="coverage-title" className="text-sm font-semibold">
            Recommended rule coverage
          </h2>
          <div className="flex items-center gap-2 text-xs">
            <a className="text-sky-700 underline" href="/templates/recommended-metric-alerts.json" download>
              recommended-metric-alerts.json
            </a>
            {gaps.length > 0 && (
              <CopyTextButton
                tone="light"
                text={script}
                label={`Copy the deployment of the recommended rules to ${gaps.length} clusters`}
              >
                Copy {gaps.length} fixes
              </CopyTextButton>
            )}
          </div>
        </div>
        {data.coverage.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600">
            No cluster matches.{' '}
            <Link href="/alerts" className="text-sky-700 underline">
              Clear the filters
            </Link>
          </p>
        ) : (
          <div className="max-h-[32rem] overflow-auto">
            <table className="min-w-full text-sm">
              <thead className="sticky top-0 bg-slate-50 text-left text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Cluster
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Cluster / Node / Pod groups
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    Rules on
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    Firing
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Best alert type
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Fix
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.coverage.map((r) => (
                  <tr key={r.cluster} className="border-t border-slate-100 align-top">
                    <th scope="row" className="px-4 py-1.5 text-left font-mono text-xs font-medium">
                      {r.cluster}
                    </th>
                    <td className="px-4 py-1.5">
                      <div className="flex gap-1">
                        {r.levels.map((l) => (
                          <span
                            key={l.level}
                            title={`${l.level}: ${l.enabled ? 'enabled' : l.present ? 'disabled' : 'missing'}`}
                            className={`rounded px-1.5 text-[11px] ${l.enabled ? 'bg-emerald-100 text-emerald-800' : l.present ? 'bg-amber-100 text-amber-900' : 'bg-red-50 text-red-700'}`}
                          >
                            {l.level.split('-')[0]} {l.enabled ? '✓' : l.present ? 'off' : '✕'}
                          </span>
                        ))}
                      </div>
                    </td>
                    <td className="px-4 py-1.5 text-right tabular-nums">
                      {r.enabledRules}/{data.rules.length}
                    </td>
                    <td className="px-4 py-1.5 text-right tabular-nums">{r.firing}</td>
                    <td className="px-4 py-1.5 text-xs text-slate-600">
                      <span
                        className={`mr-1 rounded px-1 font-medium ${r.advice === 'metric' ? 'bg-sky-100 text-sky-800' : r.advice === 'log' ? 'bg-violet-100 text-violet-800' : 'bg-slate-100 text-slate-600'}`}
                      >
                        {r.advice === 'metric' ? 'metric' : r.advice === 'log' ? 'log' : 'none'}
                      </span>
                      {r.adviceText}
                    </td>
                    <td className="px-4 py-1.5">
                      {r.fix ? (
                        <CopyTextButton
                          tone="light"
                          text={r.fix}
                          label={`Copy the command that deploys the recommended rules to ${r.cluster}`}
                        >
                          Copy command
                        </CopyTextButton>
                      ) : (
                        <span className="text-xs text-slate-500">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="rules-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 id="rules-title" className="border-b border-slate-200 px-4 py-2.5 text-sm font-semibold">
          The recommended rules: metric alert, or log alert where only Container insights has the data
        </h2>
        <ScrollArea className="overflow-x-auto">
          <table className="min-w-full text-xs">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Rule
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Group
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Severity
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  For
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium">
                  Firing
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  As a log alert
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rules.map((r) => (
                <tr key={r.alert} className="border-t border-slate-100">
                  <th scope="row" className="px-4 py-1 text-left font-medium">
                    {r.alert}
                  </th>
                  <td className="px-4 py-1">{r.level}</td>
                  <td className="px-4 py-1">
                    <SeverityBadge severity={`Sev${r.azureSeverity}`} />
                  </td>
                  <td className="px-4 py-1">{r.for}</td>
                  <td className="px-4 py-1 text-right tabular-nums">{r.firing}</td>
                  <td className="px-4 py-1 text-slate-600">
                    {r.logEquivalent ?? 'metrics only: keep it a Prometheus alert'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </section>

      <p className="text-xs text-slate-500">
        Link form of this view: <code>/alerts{serializeAlertParams(view) ? `?${serializeAlertParams(view)}` : ''}</code>
      </p>
      <ExecutedQueries queries={queries} />
    </div>
  );
}
