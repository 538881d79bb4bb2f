import 'server-only';
import type { CostOptions } from '../fleet/cost';
import type { PriceTable } from '../fleet/prices';
import type { CostView } from '../url-state/cost';
import { getInsightsConfig } from './insights-config';

/** The domain's cost options for a view: the loaded prices, Arc rates and thresholds from configuration. */
export function costOptionsFor(view: CostView, prices: PriceTable): CostOptions {
  const c = getInsightsConfig();
  return {
    prices,
    arc: { vcpuHour: c.arcVcpuHourUsd, gibHour: c.arcGibHourUsd },
    range: view.range,
    groupBy: view.group,
    cluster: view.cluster,
    requestedMax: c.requestedMax,
    utilizationMin: c.utilizationMin,
    headroom: 0.2,
  };
}
