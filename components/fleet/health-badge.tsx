import type { ReactNode } from 'react';
import type { HealthStatus } from '@/lib/fleet/types';

export const HEALTH_LABELS: Record<HealthStatus, string> = {
  critical: 'Critical',
  warning: 'Warning',
  unknown: 'Unknown',
  healthy: 'Healthy',
};

export const HEALTH_DOT: Record<HealthStatus, string> = {
  critical: 'bg-critical',
  warning: 'bg-warning',
  unknown: 'bg-unknown',
  healthy: 'bg-healthy',
};

const BADGE: Record<HealthStatus, string> = {
  critical: 'bg-red-50 text-red-800 ring-red-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-200',
  unknown: 'bg-slate-100 text-slate-700 ring-slate-200',
  healthy: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
};

export interface HealthBadgeProps {
  status: HealthStatus;
}

export function HealthBadge({ status }: HealthBadgeProps): ReactNode {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${BADGE[status]}`}
    >
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${HEALTH_DOT[status]}`} />
      {HEALTH_LABELS[status]}
    </span>
  );
}
