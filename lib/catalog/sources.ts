import type { BackendKind } from './types';

/** Who answers, in the words panels, notices and errors use: one name per source, everywhere. */
export const SOURCE_NAMES: Readonly<Record<BackendKind | 'demo', string>> = {
  arg: 'Resource Graph',
  logs: 'Log Analytics',
  prom: 'Prometheus',
  arm: 'Azure Resource Manager',
  prices: 'Azure Retail Prices',
  demo: 'Demo fleet',
};

/** The language or protocol of a query's text, as "show query" labels it. */
export const QUERY_LANGUAGES: Readonly<Record<BackendKind, string>> = {
  arg: 'Resource Graph KQL',
  logs: 'Log Analytics KQL',
  prom: 'PromQL',
  arm: 'ARM REST GET',
  prices: 'Retail Prices OData filter',
};
