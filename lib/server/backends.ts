import 'server-only';
import type { TokenCredential } from '@azure/identity';
import type { BackendRegistry } from '../sources/backend';
import { createArmBackend } from '../sources/azure/arm-backend';
import { createDemoBackend } from '../sources/demo-backend';
import { createPrometheusBackend } from '../sources/prometheus/backend';
import type { AppConfig } from './config';
import { createAzureBackends } from './azure-backends';

/** Everything that answers questions for one identity. */
export interface BackendSet {
  /** One backend per kind of query, or null when nothing is configured for that kind. */
  backends: BackendRegistry;
}

export interface BackendSetOptions {
  /**
   * Whose rights Azure applies: the signed-in user's on-behalf-of credential, or (absent) the
   * server's own identity per DefaultAzureCredential.
   */
  credential?: TokenCredential;
  /** Reused as is instead of building another client: endpoints whose rights are not per user. */
  sharedProm?: BackendRegistry['prom'];
  /** PEM of an extra CA for Azure endpoints; production uses NODE_EXTRA_CA_CERTS instead. */
  ca?: string;
}

/**
 * The backends for one identity, chosen by configuration. Live mode: each kind is answered by
 * its configured service or by nobody (never by the demo), so Prometheus-only fleets run with
 * arg and logs null. Azure: Resource Graph, Log Analytics, ARM and PromQL on the discovered
 * Azure Monitor workspaces, all with the same identity.
 */
export function createBackendSet(config: AppConfig, options: BackendSetOptions = {}): BackendSet {
  if (config.mode === 'demo') {
    const demo = createDemoBackend(config.demo);
    // Prices stay the snapshot's in the demo: no prices backend.
    return { backends: { arg: demo, logs: demo, prom: demo, arm: demo, prices: null } };
  }
  const azure = config.azure
    ? createAzureBackends(config.azure, {
        credential: options.credential,
        ca: options.ca,
        prometheusTimeoutMs: config.prometheus.timeoutMs,
      })
    : null;
  let prom = azure?.prom ?? null;
  if (config.prometheus.urls.length > 0) {
    const auth = config.prometheus.auth;
    // A bearer, basic or open Prometheus has no per-user rights: everyone shares one client.
    prom =
      auth.kind === 'azure'
        ? createPrometheusBackend({
            urls: config.prometheus.urls,
            auth: { kind: 'azure', credential: azure?.credential },
            timeoutMs: config.prometheus.timeoutMs,
            labelProfile: config.prometheus.labelProfile,
          })
        : (options.sharedProm ??
          createPrometheusBackend({
            urls: config.prometheus.urls,
            auth,
            timeoutMs: config.prometheus.timeoutMs,
            labelProfile: config.prometheus.labelProfile,
          }));
  }
  // Diagnostic settings come from ARM, which Resource Graph does not index.
  const arm =
    azure && config.azure
      ? createArmBackend({
          endpoint: config.azure.resourceManagerEndpoint,
          credential: azure.credential,
          ca: options.ca,
        })
      : null;
  // Retail Prices are public and shared by everyone: lib/server/prices-service.ts holds that backend.
  return { backends: { arg: azure?.arg ?? null, logs: azure?.logs ?? null, prom, arm, prices: null } };
}

let shared: { config: AppConfig; set: BackendSet } | null = null;

/** The server's own backends: built once per configuration and shared by every request. */
export function getSharedBackendSet(config: AppConfig): BackendSet {
  if (shared?.config !== config) shared = { config, set: createBackendSet(config) };
  return shared.set;
}
