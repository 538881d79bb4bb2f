import Link from 'next/link';
import type { ReactNode } from 'react';
import { HealthBadge } from '@/components/fleet/health-badge';
import { CopyLinkButton } from '@/components/ui/copy-link-button';
import { featuredPages, navOrder, PAGE_INFO, PERSONA_NAMES, type ClusterPage } from '@/lib/fleet/cluster/layers';
import { describeRange, formatTimePoint } from '@/lib/fleet/cluster/time-range';
import { platformLabel } from '@/lib/fleet/platform';
import { hrefWith, type ClusterPageContext } from './context';
import { PersonaSelect } from './persona-select';
import { TimeRangePicker } from './time-range-picker';

export interface ClusterShellProps {
  ctx: ClusterPageContext;
  page: ClusterPage;
  paramErrors: string[];
  children: ReactNode;
}

/** Cluster name and health, the layer navigation in the persona's order, persona and time controls. */
export function ClusterShell({ ctx, page, paramErrors, children }: ClusterShellProps): ReactNode {
  const { cluster, view } = ctx;
  const featured = featuredPages(view.persona);
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-xs text-slate-500">
        <Link href="/" className="hover:underline">
          Fleet
        </Link>{' '}
        / <span className="text-slate-700">{cluster.name}</span>
      </nav>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h1 className="min-w-0 truncate text-xl font-semibold tracking-tight" title={cluster.name}>
          {cluster.name}
        </h1>
        <HealthBadge status={cluster.health.status} />
        <span className="text-sm text-slate-500" data-testid="cluster-platform">
          {/* Prometheus-only clusters have no Azure region. */}
          {[platformLabel(cluster), cluster.region, `v${cluster.kubernetesVersion}`].filter(Boolean).join(' · ')}
        </span>
        <span className="ml-auto">
          <CopyLinkButton />
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-sm">
        <PersonaSelect cluster={cluster.name} persona={view.persona} />
        <TimeRangePicker
          from={formatTimePoint(view.range.from)}
          to={formatTimePoint(view.range.to)}
          refresh={view.refresh}
        />
        <span className="text-xs text-slate-500" data-testid="resolved-range">
          {describeRange(view.range)} · step {ctx.range.step} s
        </span>
      </div>
      <nav aria-label="Layers" className="-mx-3 overflow-x-auto px-3 sm:mx-0 sm:px-0">
        <ul className="flex min-w-max gap-1 border-b border-slate-200">
          {navOrder(view.persona).map((p) => {
            const current = p === page;
            return (
              <li key={p}>
                <Link
                  href={hrefWith(ctx, p)}
                  aria-current={current ? 'page' : undefined}
                  className={`-mb-px flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm ${current ? 'border-sky-600 font-semibold text-slate-900' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
                >
                  {PAGE_INFO[p].short}
                  {featured.includes(p) && view.persona && (
                    <span
                      className="rounded bg-sky-100 px-1 text-[10px] font-medium uppercase text-sky-800"
                      title={`Featured for the ${PERSONA_NAMES[view.persona].toLowerCase()}`}
                    >
                      ★
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {paramErrors.length > 0 && (
        <ul role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {paramErrors.map((e) => (
            <li key={e}>Ignored a link parameter: {e}</li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
