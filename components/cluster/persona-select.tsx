'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import type { ReactNode } from 'react';
import { PERSONAS, type Persona } from '@/lib/catalog/types';
import { clusterPageHref, landingPage, PERSONA_NAMES } from '@/lib/fleet/cluster/layers';
import { parseClusterView, serializeClusterView } from '@/lib/url-state/cluster';

export interface PersonaSelectProps {
  cluster: string;
  persona: Persona | null;
}

/** Choosing a persona goes to its landing page; the rest of the view (time, selection) stays. */
export function PersonaSelect({ cluster, persona }: PersonaSelectProps): ReactNode {
  const router = useRouter();
  const params = useSearchParams();
  return (
    <label className="flex items-center gap-1.5 text-sm">
      <span className="text-slate-600">Persona</span>
      <select
        aria-label="Persona"
        value={persona ?? ''}
        onChange={(e) => {
          const chosen = (PERSONAS as readonly string[]).includes(e.target.value) ? (e.target.value as Persona) : null;
          const view = parseClusterView(new URLSearchParams(params.toString())).value;
          router.push(
            clusterPageHref(cluster, landingPage(chosen), serializeClusterView({ ...view, persona: chosen })),
          );
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
      >
        <option value="">Any</option>
        {PERSONAS.map((p) => (
          <option key={p} value={p}>
            {PERSONA_NAMES[p]}
          </option>
        ))}
      </select>
    </label>
  );
}
