import Link from 'next/link';
import type { ReactNode } from 'react';
import type { QueryFailure } from '@/lib/fleet/cluster/panels';
import { PanelError } from './panel';

/** The inventory could not look the cluster up: say which source failed, never "not found". */
export function ClusterUnavailable({ name, failure }: { name: string; failure: QueryFailure }): ReactNode {
  return (
    <div className="mx-auto mt-12 max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold [overflow-wrap:anywhere]">Cannot look up {name} right now</h1>
      <p className="text-sm text-slate-600">
        The fleet inventory did not answer, so whether this cluster exists is not known.
      </p>
      <PanelError error={failure} />
      <Link href="/" className="inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm">
        Back to the fleet
      </Link>
    </div>
  );
}
