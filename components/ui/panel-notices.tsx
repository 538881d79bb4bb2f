import type { ReactNode } from 'react';
import type { PanelNotice } from '@/lib/fleet/types';

export interface PanelNoticesProps {
  notices: readonly PanelNotice[];
}

const STYLE: Record<PanelNotice['severity'], string> = {
  error: 'border-red-200 bg-red-50 text-red-900',
  warning: 'border-amber-200 bg-amber-50 text-amber-900',
  info: 'border-sky-200 bg-sky-50 text-sky-900',
};

/** What failed and where; the columns fed by a failed query show "—" while the rest stays. */
export function PanelNotices({ notices }: PanelNoticesProps): ReactNode {
  if (notices.length === 0) return null;
  return (
    <ul aria-label="Data source problems" className="space-y-2">
      {notices.map((n) => (
        <li
          key={`${n.queryId}:${n.message}`}
          role={n.severity === 'error' ? 'alert' : 'status'}
          className={`rounded-md border px-3 py-2 text-sm ${STYLE[n.severity]}`}
        >
          <span className="font-semibold">{n.source}</span> · {n.panel}: {n.message}
        </li>
      ))}
    </ul>
  );
}
