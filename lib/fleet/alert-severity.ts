/** Azure Monitor's Sev0–Sev4 and Prometheus rules' severity words on one scale, 0 the worst. */
const RANK: Record<string, number> = { sev0: 0, sev1: 1, critical: 1, sev2: 2, warning: 2, sev3: 3, info: 3, sev4: 4 };

/** Where a severity sorts; unknown ones last. */
export function alertSeverityRank(severity: string): number {
  return RANK[severity.toLowerCase()] ?? 9;
}

/** kube-prometheus' Watchdog and InfoInhibitor fire forever with severity "none": plumbing, not news. */
export function isMetaAlert(severity: string): boolean {
  return severity.toLowerCase() === 'none';
}
