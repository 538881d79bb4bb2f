'use client';

import { PromQLExtension } from '@prometheus-io/codemirror-promql';
import type { Extension } from '@codemirror/state';

/**
 * The Prometheus project's own PromQL language support: highlighting, linting and completion
 * of metric names, labels and values, asked of the portal's read-only proxy of the
 * Prometheus API (/api/explore/prometheus), which the configured backend or the demo answers.
 */
let extension: Extension | null = null;

export function promqlLanguage(): Extension {
  if (!extension) {
    extension = new PromQLExtension()
      .setComplete({ remote: { url: '/api/explore/prometheus', httpMethod: 'GET', cache: { initialMetricList: [] } } })
      .asExtension();
  }
  return extension;
}
