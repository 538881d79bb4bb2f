'use client';

import type { KqlDiagnostic } from './kql-check';

/** The browser's one call for the explorers: KQL syntax errors while typing. */
export async function fetchKqlDiagnostics(query: string): Promise<KqlDiagnostic[]> {
  const res = await fetch('/api/explore/kql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  if (!res.ok) return [];
  const body = (await res.json()) as { diagnostics?: KqlDiagnostic[] };
  return body.diagnostics ?? [];
}
