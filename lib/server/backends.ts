import 'server-only';
import type { BackendRegistry } from '../sources/backend';
import { createDemoBackend } from '../sources/demo-backend';
import { createPrometheusBackend } from '../sources/prometheus/backend';
import { createQueryRunner, type QueryRunner } from '../sources/runner';
import type { AppConfig } from './config';
import { createAzureBackends } from './azure-backends';

let registry: { config: AppConfig; backends: BackendRegistry } | null = null;

/** One backend per kind of query, chosen by configuration; built once per process. */
export function getBackends(config: AppConfig): BackendRegistry {
  if (registry?.config === config) return registry.backends;
  const demo = createDemoBackend(config.demo);
  // Live mode: each kind is answered by its configured service or by nobody (never by the demo),
  // so Prometheus-only fleets run with arg and logs null.
  // Azure: Resource Graph, Log Analytics, and PromQL on discovered Azure Monitor workspaces, one identity.
  const azure = config.mode === 'live' && config.azure ? createAzureBackends(config.azure, { prometheusTimeoutMs: config.prometheus.timeoutMs }) : null;
  const promAuth = config.prometheus.auth.kind === 'azure' && azure ? { kind: 'azure' as const, credential: azure.credential } : config.prometheus.auth;
  const prom = config.prometheus.urls.length
    ? createPrometheusBackend({ urls: config.prometheus.urls, auth: promAuth, timeoutMs: config.prometheus.timeoutMs })
    : (azure?.prom ?? null);
  const backends: BackendRegistry =
    config.mode === 'demo' ? { arg: demo, logs: demo, prom: demo } : { arg: azure?.arg ?? null, logs: azure?.logs ?? null, prom };
  registry = { config, backends };
  return backends;
}

export function getQueryRunner(config: AppConfig): QueryRunner {
  return createQueryRunner(getBackends(config));
}
