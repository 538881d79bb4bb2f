'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState, useTransition, type ReactNode } from 'react';
import type { WorkspaceRow } from '@/lib/catalog/queries/azure';
import { buildLogsChart } from '@/lib/explore/chart-data';
import { fetchKqlDiagnostics } from '@/lib/explore/client';
import type { LogsExploreResult } from '@/lib/explore/run';
import type { ParamError } from '@/lib/url-state/overview';
import { serializeLogsExplore, type LogsExploreState } from '@/lib/url-state/explore';
import { MultiSelect } from '../fleet/multi-select';
import { CopyLinkButton } from '../ui/copy-link-button';
import { ExecutedQueries } from '../ui/executed-queries';
import { CodeEditor } from './code-editor';
import { EngineNeeded, QueryError, RangePicker } from './explore-parts';
import { kqlLanguage } from './kql-language';
import { ResultTable } from './result-table';
import { SeriesChart, SeriesLegend } from './series-chart';
import { IgnoredParams } from '@/components/ui/ignored-params';
import type { ExplorerExample } from '@/lib/explore/examples';

export interface LogsExplorerProps {
  initial: LogsExploreState;
  result: LogsExploreResult | null;
  /** Syntax errors the server found: the query was not sent. */
  syntaxErrors: Array<{ start: number; message: string }>;
  paramErrors: ParamError[];
  savedQueries: ExplorerExample[];
  workspaces: WorkspaceRow[];
  workspacesError: string | null;
  engineCommand: string;
}

/** Ad-hoc KQL over Log Analytics; syntax errors show while typing and stop a run before it is sent. */
export function LogsExplorer(props: LogsExplorerProps): ReactNode {
  const { initial, result, syntaxErrors, paramErrors, savedQueries, workspaces, workspacesError, engineCommand } =
    props;
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<LogsExploreState>(initial);
  const language = useMemo(() => kqlLanguage(fetchKqlDiagnostics), []);
  const table = result?.outcome.ok ? result.outcome.table : null;
  const chart = useMemo(() => (table ? buildLogsChart(table.columns, table.rows) : null), [table]);

  function run(next: LogsExploreState = state): void {
    const qs = serializeLogsExplore(next);
    startTransition(() => router.push(`/explore/logs${qs ? `?${qs}` : ''}`));
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Logs explorer</h1>
          <p className="text-sm text-slate-500">
            KQL over Log Analytics, checked by Microsoft&apos;s Kusto language service before it is sent.
          </p>
        </div>
        <CopyLinkButton />
      </div>
      <IgnoredParams errors={paramErrors} />
      <div className="grid gap-4 xl:grid-cols-[1fr_18rem]">
        <section
          aria-label="Query"
          className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
        >
          <CodeEditor
            label="KQL query"
            value={state.query}
            onChange={(query) => setState((s) => ({ ...s, query }))}
            onRun={() => run()}
            language={language}
            placeholder="AzureActivity | take 10"
          />
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              onClick={() => run()}
              disabled={pending || !state.query.trim()}
              className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-800 disabled:opacity-60"
            >
              {pending ? 'Running…' : 'Run query'}
            </button>
            <span className="text-xs text-slate-500">Ctrl/⌘ + Enter</span>
            <RangePicker
              range={state.range}
              resolved={result}
              maxSeconds={90 * 86_400}
              onChange={(range) => setState((s) => ({ ...s, range }))}
            />
            <MultiSelect
              label="Workspaces"
              options={workspaces.map((w) => ({ value: w.customerId, label: w.name }))}
              selected={state.workspaces}
              onChange={(next) => setState((s) => ({ ...s, workspaces: next }))}
            />
            <div
              role="radiogroup"
              aria-label="View"
              className="flex overflow-hidden rounded-md border border-slate-300 text-sm"
            >
              {(['table', 'chart'] as const).map((v) => (
                <button
                  key={v}
                  type="button"
                  role="radio"
                  aria-checked={state.view === v}
                  onClick={() => {
                    const next = { ...state, view: v };
                    setState(next);
                    if (result) run(next);
                  }}
                  className={`px-3 py-1.5 capitalize ${state.view === v ? 'bg-slate-900 text-white' : 'bg-white hover:bg-slate-50'}`}
                >
                  {v}
                </button>
              ))}
            </div>
          </div>
          {workspacesError && (
            <p className="text-xs text-amber-800">Workspaces could not be listed: {workspacesError}</p>
          )}
        </section>
        <section aria-label="Saved queries" className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
          <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Saved queries</h2>
          <ul className="mt-2 space-y-1">
            {savedQueries.map((q) => (
              <li key={q.id}>
                <button
                  type="button"
                  onClick={() => {
                    const next = { ...state, query: q.text, catalog: { id: q.id, params: q.params } };
                    setState(next);
                    run(next);
                  }}
                  className="text-left text-sm text-sky-700 hover:underline"
                >
                  {q.title}
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>

      {syntaxErrors.length > 0 && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          <p className="font-semibold">Not sent: the query has syntax errors</p>
          <ul className="mt-1 list-disc pl-5">
            {syntaxErrors.map((e) => (
              <li key={`${e.start}:${e.message}`}>
                {e.message} (at character {e.start + 1})
              </li>
            ))}
          </ul>
        </div>
      )}
      {result &&
        !result.outcome.ok &&
        (result.outcome.error.needsEngine ? (
          <EngineNeeded message={result.outcome.error.message} command={engineCommand} />
        ) : (
          <QueryError source={result.executed.backend} message={result.outcome.error.message} />
        ))}
      {result?.notices.map((n) => (
        <p key={n.message} role="status" className="text-sm text-amber-800">
          {n.message}
        </p>
      ))}
      {table && (
        <section aria-label="Result" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <p className="text-xs text-slate-500">
            {table.rows.length.toLocaleString('en-US')} rows
            {result?.outcome.ok && result.outcome.truncated > 0
              ? ` (first ${table.rows.length.toLocaleString('en-US')}; ${result.outcome.truncated.toLocaleString('en-US')} more not shown)`
              : ''}{' '}
            · {result?.executed.durationMs} ms
          </p>
          {table.rows.length === 0 ? (
            <p className="py-10 text-center text-sm text-slate-500">
              The query ran and returned no rows for this range.
            </p>
          ) : state.view === 'chart' && chart && result ? (
            <>
              <SeriesChart data={chart} start={result.start} end={result.end} label="Rows over time" />
              <SeriesLegend data={chart} />
            </>
          ) : (
            <>
              {state.view === 'chart' && !chart && (
                <p className="text-sm text-slate-500">No datetime column to chart; showing the table.</p>
              )}
              <ResultTable label="Rows" columns={table.columns} rows={table.rows} />
            </>
          )}
        </section>
      )}
      {result && <ExecutedQueries queries={[result.executed]} />}
    </div>
  );
}
