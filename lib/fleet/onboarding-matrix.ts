import type { OnboardingClusterRowOut, OnboardingData, OnboardingFilters, OnboardingInputs } from './onboarding';
import { CAPABILITIES, columnsFor } from './onboarding';
import { buildContext, clusterCells } from './onboarding-checks';

/** The matrix for a persona: its columns, the clusters (filtered), and a copy-all script per column. */
export function buildOnboardingData(inputs: OnboardingInputs, filters: OnboardingFilters): OnboardingData {
  const ctx = buildContext(inputs);
  const visible = new Set(filters.capability ? [filters.capability] : columnsFor(filters.persona));
  const q = filters.q.trim().toLowerCase();
  const all = [...inputs.clusters]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c): OnboardingClusterRowOut => {
      const cells = clusterCells(ctx, c).filter((x) => visible.has(x.capability));
      return {
        id: c.id,
        name: c.name,
        provider: c.clusterKind,
        resourceGroup: c.resourceGroup,
        subscriptionId: c.subscriptionId,
        location: c.location,
        cells,
        gaps: cells.filter((x) => x.status === 'gap' || x.status === 'silent').length,
      };
    });
  const rows = all.filter(
    (r) =>
      (!q || r.name.toLowerCase().includes(q) || r.resourceGroup.toLowerCase().includes(q)) &&
      (!filters.gapsOnly || r.gaps > 0),
  );
  const columns = CAPABILITIES.filter((c) => visible.has(c.id)).map((cap) => {
    const fixes = rows.flatMap((r) =>
      r.cells.filter((x) => x.capability === cap.id && x.fix).map((x) => ({ cluster: r.name, fix: x.fix as string })),
    );
    // The same command can close several cells of one cluster (one diagnostic setting): run it once.
    const unique = [...new Map(fixes.map((f) => [f.fix, f])).values()];
    const script = [
      '#!/usr/bin/env bash',
      `# Fleetwatch: close "${cap.label}" on ${unique.length} cluster(s)`,
      'set -euo pipefail',
      ...unique.map((f) => `\n# ${f.cluster}\n${f.fix}`),
    ].join('\n');
    return { id: cap.id, label: cap.label, short: cap.short, gaps: fixes.length, script };
  });
  const cells = rows.flatMap((r) => r.cells);
  return {
    columns,
    rows,
    totals: {
      clusters: rows.length,
      clustersWithGaps: rows.filter((r) => r.gaps > 0).length,
      gaps: cells.filter((x) => x.status === 'gap').length,
      silent: cells.filter((x) => x.status === 'silent').length,
    },
  };
}

/** CSV of the matrix: one line per cluster × capability, with the fix. RFC 4180 quoting. */
export function onboardingCsv(data: OnboardingData): string {
  const q = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  // Spreadsheets run cells that start with = + - @ as formulas: prefix them.
  const safe = (v: string): string => q(/^[=+\-@]/.test(v) ? `'${v}` : v);
  const lines = ['cluster,resource_group,subscription_id,capability,status,detail,fix'];
  for (const r of data.rows)
    for (const c of r.cells)
      lines.push(
        [r.name, r.resourceGroup, r.subscriptionId, c.capability, c.status, c.detail, c.fix ?? ''].map(safe).join(','),
      );
  return lines.join('\r\n') + '\r\n';
}
