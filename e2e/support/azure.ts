import { LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET, LOCAL_TENANT } from '../../lib/testing/azure/fixtures';

/** The environment of a portal in Azure mode against the local protocol servers at `cloudUrl`. */
export function azureModeEnv(cloudUrl: string, caFile: string): Record<string, string> {
  return {
    NODE_EXTRA_CA_CERTS: caFile,
    AZURE_TENANT_ID: LOCAL_TENANT,
    AZURE_CLIENT_ID: LOCAL_CLIENT_ID,
    AZURE_CLIENT_SECRET: LOCAL_CLIENT_SECRET,
    AZURE_AUTHORITY_HOST: cloudUrl,
    AZURE_DISABLE_INSTANCE_DISCOVERY: 'true',
    AZURE_RESOURCE_MANAGER_ENDPOINT: cloudUrl,
    AZURE_LOG_ANALYTICS_ENDPOINT: cloudUrl,
    // The discovered Azure Monitor workspaces are not reachable from a test: fail fast.
    PROMETHEUS_TIMEOUT_MS: '2000',
    // No Retail Prices API here unless a spec starts the local one (azure.spec.ts does).
    FLEETWATCH_PRICES: 'snapshot',
  };
}
