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

/**
 * The Azure role that lets a reader see a source's data, and on what: what a "no permission"
 * message names, the way Headlamp names the missing verb. Null where no role applies.
 */
export const READ_ROLES: Readonly<Record<BackendKind | 'demo', { role: string; on: string } | null>> = {
  arg: { role: 'Reader', on: 'the subscription' },
  logs: { role: 'Log Analytics Reader', on: 'the workspace' },
  prom: { role: 'Monitoring Data Reader', on: 'the Azure Monitor workspace' },
  arm: { role: 'Reader (Microsoft.Insights/diagnosticSettings/read)', on: 'the cluster' },
  prices: null,
  demo: null,
};
