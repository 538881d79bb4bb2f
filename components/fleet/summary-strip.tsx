import type { ReactNode } from 'react';
import type { FleetSummary } from '@/lib/fleet/filter';
import { HEALTH_STATUSES, type HealthStatus } from '@/lib/fleet/types';
import { formatCount, formatPercent } from '@/lib/format';
import { HEALTH_DOT, HEALTH_LABELS } from './health-badge';

export interface SummaryStripProps {
  summary: FleetSummary;
  activeHealth: readonly HealthStatus[];
  activeProviders: readonly string[];
  activeVersions: readonly string[];
  onToggleHealth: (status: HealthStatus) => void;
  onToggleProvider: (key: string) => void;
  onToggleVersion: (minor: string) => void;
}

function Card({ title, children }: { title: string; children: ReactNode }): ReactNode {
  return (
    <section
      aria-label={title}
      className="w-[78vw] min-w-0 shrink-0 snap-start rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:w-auto"
    >
      <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
      <div className="mt-2">{children}</div>
    </section>
  );
}

function toggleClass(active: boolean): string {
  return active ? 'bg-slate-900 text-white' : 'hover:bg-slate-100';
}

/** Fleet-wide counts; every count is also a filter toggle. */
export function SummaryStrip(props: SummaryStripProps): ReactNode {
  const { summary } = props;
  const total = Math.max(1, summary.clusters);
  const maxProvider = Math.max(1, ...summary.byProvider.map((p) => p.count));
  const maxMinor = Math.max(1, ...summary.byMinor.map((m) => m.count));
  const readyShare =
    summary.nodes.total - summary.nodes.unknown > 0
      ? summary.nodes.ready / (summary.nodes.total - summary.nodes.unknown)
      : null;
  return (
    // Phones: a swipeable strip, so the cluster list starts on the first screen.
    <div className="-mx-3 flex snap-x snap-mandatory items-start gap-3 overflow-x-auto px-3 pb-1 sm:mx-0 sm:grid sm:grid-cols-2 sm:items-stretch sm:overflow-visible sm:px-0 sm:pb-0 xl:grid-cols-4">
      <Card title="Cluster health">
        <p className="text-2xl font-semibold tabular-nums">
          {formatCount(summary.clusters)} <span className="text-sm font-normal text-slate-500">clusters</span>
        </p>
        <div aria-hidden="true" className="mt-2 flex h-2 overflow-hidden rounded-full bg-slate-100">
          {HEALTH_STATUSES.map((s) => (
            <span key={s} className={HEALTH_DOT[s]} style={{ width: `${(summary.byHealth[s] / total) * 100}%` }} />
          ))}
        </div>
        <ul className="mt-2 grid grid-cols-2 gap-1 text-sm">
          {HEALTH_STATUSES.map((s) => (
            <li key={s}>
              <button
                type="button"
                aria-pressed={props.activeHealth.includes(s)}
                onClick={() => props.onToggleHealth(s)}
                className={`flex w-full items-center gap-2 rounded px-1.5 py-0.5 text-left ${toggleClass(props.activeHealth.includes(s))}`}
              >
                <span aria-hidden="true" className={`h-2 w-2 rounded-full ${HEALTH_DOT[s]}`} />
                {HEALTH_LABELS[s]}
                <span className="ml-auto tabular-nums">{summary.byHealth[s]}</span>
              </button>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Providers">
        <ul className="space-y-1 text-sm">
          {summary.byProvider.map((p) => (
            <li key={p.key}>
              <button
                type="button"
                aria-pressed={props.activeProviders.includes(p.key)}
                onClick={() => props.onToggleProvider(p.key)}
                className={`grid w-full grid-cols-[minmax(0,11rem)_1fr_2.5rem] items-center gap-2 rounded px-1.5 py-0.5 text-left ${toggleClass(props.activeProviders.includes(p.key))}`}
              >
                {/* Names say how the cluster is known ("EKS · Arc-connected"); the column fits the longest. */}
                <span className="truncate" title={p.label}>
                  {p.label}
                </span>
                <span
                  aria-hidden="true"
                  className="h-1.5 rounded-full bg-sky-500"
                  style={{ width: `${(p.count / maxProvider) * 100}%` }}
                />
                <span className="text-right tabular-nums">{p.count}</span>
              </button>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Kubernetes versions">
        <ul className="space-y-1 text-sm">
          {summary.byMinor.map((m) => (
            <li key={m.minor}>
              <button
                type="button"
                aria-pressed={props.activeVersions.includes(m.minor)}
                onClick={() => props.onToggleVersion(m.minor)}
                title={m.supported ? 'In support' : 'Out of support: upgrade'}
                className={`grid w-full grid-cols-[7.5rem_1fr_2.5rem] items-center gap-2 rounded px-1.5 py-0.5 text-left ${toggleClass(props.activeVersions.includes(m.minor))}`}
              >
                <span className="truncate">
                  {m.minor}
                  {!m.supported && (
                    <span className="ml-1.5 rounded bg-red-100 px-1 text-[10px] font-semibold uppercase text-red-700">
                      EOL
                    </span>
                  )}
                </span>
                <span
                  aria-hidden="true"
                  className={`h-1.5 rounded-full ${m.supported ? 'bg-emerald-500' : 'bg-critical'}`}
                  style={{ width: `${(m.count / maxMinor) * 100}%` }}
                />
                <span className="text-right tabular-nums">{m.count}</span>
              </button>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Nodes">
        <p className="text-2xl font-semibold tabular-nums">
          {formatCount(summary.nodes.ready)}
          <span className="text-base font-normal text-slate-500"> / {formatCount(summary.nodes.total)} ready</span>
        </p>
        <dl className="mt-2 space-y-1 text-sm text-slate-600">
          <div className="flex justify-between">
            <dt>Ready where reported</dt>
            <dd className="tabular-nums">{formatPercent(readyShare, 1)}</dd>
          </div>
          <div className="flex justify-between">
            <dt>Not ready</dt>
            <dd className="tabular-nums">
              {formatCount(summary.nodes.total - summary.nodes.unknown - summary.nodes.ready)}
            </dd>
          </div>
          <div className="flex justify-between">
            <dt title="Clusters without Prometheus metrics report node counts from Azure only">Readiness unknown</dt>
            <dd className="tabular-nums">{formatCount(summary.nodes.unknown)}</dd>
          </div>
        </dl>
      </Card>
    </div>
  );
}
