import 'server-only';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { QueryRequest } from '../catalog/types';
import type { Backend, BackendResult, RunOptions } from '../sources/backend';
import { SourceError } from '../sources/errors';
import { createLogAnalyticsBackend } from '../sources/azure/log-analytics';
import { createResourceGraphBackend } from '../sources/azure/resource-graph';
import { reuseTokens } from '../sources/azure/credentials';
import { createPrometheusBackend } from '../sources/prometheus/backend';
import { createQueryRunner } from '../sources/runner';
import type { AzureConfig } from './azure-config';
import { createAzureDiscovery, type AzureDiscoverySource } from './azure-discovery';

export interface AzureBackends {
  arg: Backend;
  logs: Backend;
  /** PromQL on the Azure Monitor workspaces discovery found; used when PROMETHEUS_URL is not set. */
  prom: Backend;
  discovery: AzureDiscoverySource;
  /** Every backend of the set asks with this one credential, which reuses its tokens per scope. */
  credential: TokenCredential;
}

export interface AzureBackendOverrides {
  /** Another identity (tests, or later the signed-in user's on-behalf-of credential). */
  credential?: TokenCredential;
  /** PEM of an extra CA for the SDK pipelines; production uses NODE_EXTRA_CA_CERTS instead. */
  ca?: string;
  prometheusTimeoutMs?: number;
}

/** The server's own identity, per DefaultAzureCredential's chain; created once per process. */
export function createServerCredential(config: AzureConfig): TokenCredential {
  return new DefaultAzureCredential({
    tenantId: config.tenantId,
    ...(config.authorityHost ? { authorityHost: config.authorityHost } : {}),
    disableInstanceDiscovery: config.disableInstanceDiscovery,
  });
}

function clusterIdsOf(request: QueryRequest): string[] | null {
  const ids = (request.params as { clusterIds?: unknown } | null)?.clusterIds;
  return Array.isArray(ids) && ids.every((id) => typeof id === 'string')
    ? ids.map((id: string) => id.toLowerCase())
    : null;
}

function workspacesOf(request: QueryRequest): string[] | null {
  const ids = (request.params as { workspaces?: unknown } | null)?.workspaces;
  return Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === 'string') ? ids : null;
}

/** A Prometheus backend over whatever query endpoints discovery finds, rebuilt when they change. */
function discoveredPrometheus(
  discovery: AzureDiscoverySource,
  credential: TokenCredential,
  timeoutMs: number,
): Backend {
  let current: { key: string; backend: Backend } | null = null;
  return {
    label: 'Prometheus (discovered Azure Monitor workspaces)',
    kinds: ['prom'],
    async run(request: QueryRequest, options?: RunOptions): Promise<BackendResult> {
      const found = await discovery.get();
      if (found.prometheusQueryEndpoints.length === 0) {
        throw new SourceError(
          'no Azure Monitor workspace linked to a cluster was found (managed Prometheus is not enabled, or its workspaces are not readable)',
          {
            source: 'prom',
            failure: 'not-configured',
          },
        );
      }
      const key = found.prometheusQueryEndpoints.join(',');
      if (current?.key !== key) {
        current = {
          key,
          backend: createPrometheusBackend({
            urls: found.prometheusQueryEndpoints,
            auth: { kind: 'azure', credential },
            timeoutMs,
          }),
        };
      }
      return current.backend.run(request, options);
    },
  };
}

export function createAzureBackends(config: AzureConfig, overrides: AzureBackendOverrides = {}): AzureBackends {
  // One credential for Resource Graph, Log Analytics, ARM and PromQL: one token per scope, one OpenID configuration.
  const credential = reuseTokens(overrides.credential ?? createServerCredential(config));
  const clientOptions = overrides.ca ? { tlsOptions: { ca: overrides.ca } } : undefined;
  const arg = createResourceGraphBackend({
    endpoint: config.resourceManagerEndpoint,
    credential,
    subscriptions: config.subscriptionIds,
    managementGroup: config.managementGroup,
    timeoutMs: config.resourceGraphTimeoutMs,
    clientOptions,
  });
  const discovery = createAzureDiscovery(createQueryRunner({ arg, logs: null, prom: null }), {
    ttlSeconds: config.discoverySeconds,
    scopeKey: `${config.tenantId}|${config.managementGroup ?? ''}|${config.subscriptionIds.join(',')}`,
  });
  const logs = createLogAnalyticsBackend({
    endpoint: config.logAnalyticsEndpoint,
    credential,
    clientOptions,
    workspacesPerRequest: config.workspacesPerRequest,
    serverTimeoutSeconds: config.logsServerTimeoutSeconds,
    async workspaces(request) {
      const found = await discovery.get();
      const chosen = workspacesOf(request);
      if (chosen) {
        // The explorer's picker: only workspaces discovery or configuration already know.
        const known = new Set([...found.workspaceIds, ...config.workspaceIds]);
        return chosen.filter((w) => known.has(w));
      }
      const only = clusterIdsOf(request);
      // A question about some clusters goes to their workspaces only; fleet-wide ones to all.
      const discovered = only
        ? found.clusters
            .filter((c) => only.includes(c.id.toLowerCase()))
            .flatMap((c) => (c.workspaceId ? [c.workspaceId] : []))
        : found.workspaceIds;
      return [...discovered, ...(only ? [] : config.workspaceIds)];
    },
  });
  const prom = discoveredPrometheus(discovery, credential, overrides.prometheusTimeoutMs ?? 15_000);
  return { arg, logs, prom, discovery, credential };
}
