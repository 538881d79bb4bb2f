import 'server-only';
import type { BackendRegistry } from '../sources/backend';
import { createDemoBackend } from '../sources/demo-backend';
import { createQueryRunner, type QueryRunner } from '../sources/runner';
import type { AppConfig } from './config';

let registry: { config: AppConfig; backends: BackendRegistry } | null = null;

/** One backend per kind of query, chosen by configuration; built once per process. */
export function getBackends(config: AppConfig): BackendRegistry {
  if (registry?.config === config) return registry.backends;
  const demo = createDemoBackend(config.demo);
  const backends: BackendRegistry = { arg: demo, logs: demo, prom: demo };
  registry = { config, backends };
  return backends;
}

export function getQueryRunner(config: AppConfig): QueryRunner {
  return createQueryRunner(getBackends(config));
}
