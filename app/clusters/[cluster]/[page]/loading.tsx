import type { ReactNode } from 'react';
import { PanelSkeleton } from '@/components/cluster/panel';

/** Shaped like a layer page: header, controls, then panels, while the cluster is looked up. */
export default function ClusterLoading(): ReactNode {
  return (
    <div className="space-y-4" aria-busy="true">
      <p className="sr-only">Loading the cluster page…</p>
      <div className="h-7 w-64 animate-pulse rounded bg-slate-200" />
      <div className="h-11 animate-pulse rounded-lg bg-white shadow-sm" />
      <div className="h-9 animate-pulse rounded bg-slate-100" />
      <div className="grid gap-4 lg:grid-cols-2">
        <PanelSkeleton title="Loading…" wide height="h-32" />
        <PanelSkeleton title="Loading…" />
        <PanelSkeleton title="Loading…" />
      </div>
    </div>
  );
}
