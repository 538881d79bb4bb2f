'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useRef, useState, useTransition, type ReactNode } from 'react';
import type { ExploreSeries } from '@/lib/catalog/queries/explore';
import { buildChartData, seriesName } from '@/lib/explore/chart-data';
import { EXPLORE_LIMITS } from '@/lib/explore/limits';
import type { MetricsQueryResult } from '@/lib/explore/run';
import type { ParamError } from '@/lib/url-state/overview';
import { serializeMetricsExplore, type MetricsExploreState } from '@/lib/url-state/explore';
import { CopyLinkButton } from '../ui/copy-link-button';
import { ExecutedQueries } from '../ui/executed-queries';
import { CodeEditor } from './code-editor';
import { EngineNeeded, QueryError, RangePicker } from './explore-parts';
import { promqlLanguage } from './promql-language';
import { ResultTable } from './result-table';
import { SeriesChart, SeriesLegend } from './series-chart';
import { IgnoredParams } from '@/components/ui/ignored-params';
import type { ExplorerExample } from '@/lib/explore/examples';

export interface MetricsExplorerProps {
  initial: MetricsExploreState;
  result: { start: number; end: number; step: number; results: MetricsQueryResult[] } | null;
  paramErrors: ParamError[];
  examples: ExplorerExample[];
  engineCommand: string;
}

function lastValues(series: readonly ExploreSeries[], legend: string): unknown[][] {
  return series.map((s) => {
    const values = s.points.map(([, v]) => v).filter(Number.isFinite);
    const last = s.points[s.points.length - 1];
    return [
      seriesName(s.labels, legend),
      last ? last[1] : null,
      values.length ? Math.min(...values) : null,
      values.length ? Math.max(...values) : null,
    ];
  });
}

/** What one query's answer says besides its series: truncation and notices, or why it failed. */
function QueryNotes({
  name,
  result: r,
  engineCommand,
}: {
  name: string;
  result: MetricsQueryResult;
  engineCommand: string;
}): ReactNode {
  if (!r.outcome.ok) {
    if (r.outcome.error.needsEngine) return <EngineNeeded message={r.outcome.error.message} command={engineCommand} />;
    return <QueryError source={`Query ${name} · ${r.executed.backend}`} message={r.outcome.error.message} />;
  }
  return (
    <div>
      {r.outcome.truncated > 0 && (
        <p role="status" className="text-sm text-amber-800">
          Query {name}: {r.outcome.truncated} more series not shown (limit {EXPLORE_LIMITS.maxSeries}).
        </p>
      )}
      {r.notices.map((n) => (
        <p key={n.message} className="text-sm text-amber-800">
          {n.message}
        </p>
      ))}
    </div>
  );
}

/** Ad-hoc PromQL: the query, range and step live in the URL; running a query is navigating to it. */
export function MetricsExplorer({
  initial,
  result,
  paramErrors,
  examples,
  engineCommand,
}: MetricsExplorerProps): ReactNode {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<MetricsExploreState>(
    initial.queries.length ? initial : { ...initial, queries: [''] },
  );
  // An editor keeps its query when one above it is removed: each query has a key of its own, not its position.
  const [keys, setKeys] = useState<number[]>(() => state.queries.map((_, i) => i));
  const nextKey = useRef(keys.length);
  const language = useMemo(() => promqlLanguage(), []);
  const answered = useMemo(() => result?.results.filter((r) => r.outcome.ok) ?? [], [result]);
  const chart = useMemo(
    () =>
      buildChartData(
        answered.map((r) => ({ series: r.outcome.ok ? r.outcome.series : [] })),
        state.legend,
      ),
    [answered, state.legend],
  );

  function run(next: MetricsExploreState = state): void {
    const qs = serializeMetricsExplore({ ...next, queries: next.queries.filter((q) => q.trim()) });
    startTransition(() => router.push(`/explore/metrics${qs ? `?${qs}` : ''}`));
  }
  const setQuery = (i: number, text: string) =>
    setState((s) => ({ ...s, queries: s.queries.map((q, j) => (j === i ? text : q)) }));
  const addQuery = () => {
    const key = nextKey.current++;
    setState((s) => ({ ...s, queries: [...s.queries, ''] }));
    setKeys((k) => [...k, key]);
  };
  const removeQuery = (i: number) => {
    setState((s) => ({ ...s, queries: s.queries.filter((_, j) => j !== i) }));
    setKeys((k) => k.filter((_, j) => j !== i));
  };
  const startFrom = (example: MetricsExplorerProps['examples'][number]) => {
    const next = { ...state, queries: [example.text], catalog: { id: example.id, params: example.params } };
    setState(next);
    setKeys([nextKey.current++]);
    run(next);
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Metrics explorer</h1>
          <p className="text-sm text-slate-500">
            PromQL with completion of metric names, labels and values; every query is in the link.
          </p>
        </div>
        <CopyLinkButton />
      </div>
      <IgnoredParams errors={paramErrors} />
      <section aria-label="Queries" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
        {state.queries.map((q, i) => (
          <div key={keys[i]} className="flex items-start gap-2">
            <span className="mt-2 w-5 shrink-0 text-right font-mono text-xs text-slate-500">
              {String.fromCharCode(65 + i)}
            </span>
            <div className="min-w-0 flex-1">
              <CodeEditor
                label={`PromQL query ${String.fromCharCode(65 + i)}`}
                value={q}
                onChange={(t) => setQuery(i, t)}
                onRun={() => run()}
                language={language}
                placeholder='e.g. sum by (cluster) (kube_pod_status_phase{phase="Pending"})'
              />
            </div>
            {state.queries.length > 1 && (
              <button
                type="button"
                aria-label={`Remove query ${String.fromCharCode(65 + i)}`}
                onClick={() => removeQuery(i)}
                className="mt-1.5 rounded px-2 py-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700"
              >
                ✕
              </button>
            )}
          </div>
        ))}
        <div className="flex flex-wrap items-center gap-3 pl-7">
          <button
            type="button"
            onClick={() => run()}
            disabled={pending}
            className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-800 disabled:opacity-60"
          >
            {pending ? 'Running…' : 'Run query'}
          </button>
          <span className="text-xs text-slate-500">Ctrl/⌘ + Enter</span>
          {state.queries.length < EXPLORE_LIMITS.maxQueries && (
            <button type="button" onClick={addQuery} className="text-sm text-sky-700 hover:underline">
              + Add query
            </button>
          )}
          <RangePicker
            range={state.range}
            resolved={result}
            maxSeconds={EXPLORE_LIMITS.maxRangeSeconds}
            onChange={(range) => {
              const next = { ...state, range };
              setState(next);
              run(next);
            }}
          />
          <label className="flex items-center gap-1.5 text-sm">
            <span className="text-slate-500">Step</span>
            <input
              type="number"
              min={1}
              value={state.step ?? ''}
              placeholder={result ? `auto (${result.step}s)` : 'auto'}
              onChange={(e) =>
                setState((s) => ({
                  ...s,
                  step: e.target.value ? Math.max(1, Math.round(Number(e.target.value))) : null,
                }))
              }
              className="w-28 rounded-md border border-slate-300 px-2 py-1.5 shadow-sm"
            />
          </label>
          <label className="flex items-center gap-1.5 text-sm">
            <span className="text-slate-500">Legend</span>
            <input
              value={state.legend}
              maxLength={200}
              onChange={(e) => setState((s) => ({ ...s, legend: e.target.value }))}
              placeholder="{{cluster}}"
              className="w-36 rounded-md border border-slate-300 px-2 py-1.5 font-mono shadow-sm"
            />
          </label>
          <div
            role="radiogroup"
            aria-label="Query type"
            className="flex overflow-hidden rounded-md border border-slate-300 text-sm"
          >
            {(['range', 'instant'] as const).map((m) => (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={state.mode === m}
                onClick={() => {
                  const next = { ...state, mode: m };
                  setState(next);
                  run(next);
                }}
                className={`px-3 py-1.5 capitalize ${state.mode === m ? 'bg-slate-900 text-white' : 'bg-white hover:bg-slate-50'}`}
              >
                {m}
              </button>
            ))}
          </div>
          <div
            role="radiogroup"
            aria-label="View"
            className={`flex overflow-hidden rounded-md border border-slate-300 text-sm ${state.mode === 'instant' ? 'hidden' : ''}`}
          >
            {(['chart', 'table'] as const).map((v) => (
              <button
                key={v}
                type="button"
                role="radio"
                aria-checked={state.view === v}
                onClick={() => {
                  const next = { ...state, view: v };
                  setState(next);
                  run(next);
                }}
                className={`px-3 py-1.5 capitalize ${state.view === v ? 'bg-slate-900 text-white' : 'bg-white hover:bg-slate-50'}`}
              >
                {v}
              </button>
            ))}
          </div>
        </div>
      </section>

      {result?.results.map((r, i) => (
        // The server's answer has one result per query, in the order A, B, …: the position is the query's name, and answers never reorder.
        // eslint-disable-next-line react/no-array-index-key
        <QueryNotes key={i} name={String.fromCharCode(65 + i)} result={r} engineCommand={engineCommand} />
      ))}

      {result && answered.length > 0 && (
        <section aria-label="Result" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <p className="text-xs text-slate-500">
            {chart.series.length} series ·{' '}
            {state.mode === 'instant'
              ? `instant at ${new Date(result.end * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`
              : `step ${result.step}s · ${new Date(result.start * 1000).toISOString().slice(0, 16).replace('T', ' ')} → ${new Date(result.end * 1000).toISOString().slice(11, 16)} UTC`}
          </p>
          {chart.series.length === 0 ? (
            <p className="py-10 text-center text-sm text-slate-500">
              The query ran and returned no series for this range.
            </p>
          ) : state.view === 'chart' && state.mode === 'range' ? (
            <>
              <SeriesChart data={chart} start={result.start} end={result.end} label="Query result over time" />
              <SeriesLegend data={chart} />
            </>
          ) : (
            <ResultTable
              label="Series"
              columns={
                state.mode === 'instant'
                  ? [
                      { name: 'series', type: 'string' },
                      { name: 'value', type: 'real' },
                    ]
                  : [
                      { name: 'series', type: 'string' },
                      { name: 'last', type: 'real' },
                      { name: 'min', type: 'real' },
                      { name: 'max', type: 'real' },
                    ]
              }
              rows={answered
                .flatMap((r) => lastValues(r.outcome.ok ? r.outcome.series : [], state.legend))
                .map((row) => (state.mode === 'instant' ? row.slice(0, 2) : row))}
            />
          )}
        </section>
      )}

      {!result && (
        <section aria-label="Examples" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="text-sm font-semibold text-slate-700">Start from a catalog query</h2>
          <ul className="mt-2 space-y-1">
            {examples.map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  onClick={() => startFrom(e)}
                  className="text-left text-sm text-sky-700 hover:underline"
                >
                  {e.title}
                </button>
                <code className="ml-2 hidden font-mono text-xs text-slate-500 lg:inline">{e.text}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      {result && <ExecutedQueries queries={result.results.map((r) => r.executed)} />}
    </div>
  );
}
