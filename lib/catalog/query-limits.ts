/**
 * What every range query the catalog builds must respect to run on each engine it targets,
 * so the domain picks steps without knowing which backend answers. Azure Monitor managed
 * Prometheus is the strictest: ranges of 48 h or more need a step of at least 60 s, and a
 * range spans at most 32 days (../shared/reference/docs/AzureMonitor-prometheus-api-promql.EXCERPT.md).
 */
export const MAX_RANGE_SECONDS = 32 * 86_400;
export const LONG_RANGE_SECONDS = 48 * 3600;
export const LONG_RANGE_MIN_STEP = 60;
