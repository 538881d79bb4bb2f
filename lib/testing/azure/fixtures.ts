import { ClientSecretCredential } from '@azure/identity';
import type { DemoFleet } from '../../demo/fleet-model';
import type { AzureConfig } from '../../server/azure-config';
import { demoCloudAnswers, type DemoCloudOptions } from './demo-answers';
import { startLocalCloud, type LocalCloud } from './local-cloud';

/** The identity the local token endpoint accepts; used by tests and the Azure-mode e2e. */
export const LOCAL_TENANT = '72f988bf-0000-4000-8000-00000000f1ee';
export const LOCAL_CLIENT_ID = 'fleetwatch-local-client';
export const LOCAL_CLIENT_SECRET = 'local-only-secret';

export async function startDemoCloud(
  fleet: DemoFleet,
  options: Pick<DemoCloudOptions, 'now' | 'extra' | 'forbiddenWorkspaces'> = {},
): Promise<LocalCloud> {
  return startLocalCloud({
    tenantId: LOCAL_TENANT,
    clientId: LOCAL_CLIENT_ID,
    clientSecret: LOCAL_CLIENT_SECRET,
    answers: demoCloudAnswers(fleet, options),
  });
}

/** A real credential that signs in against the local token endpoint and trusts its certificate. */
export function localCredential(cloud: LocalCloud, secret = LOCAL_CLIENT_SECRET): ClientSecretCredential {
  return new ClientSecretCredential(LOCAL_TENANT, LOCAL_CLIENT_ID, secret, {
    authorityHost: cloud.url,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: cloud.ca },
  });
}

/** The Azure configuration of a portal pointed at a local cloud (every endpoint and the authority). */
export function localAzureConfig(cloud: Pick<LocalCloud, 'url'>, extra: Partial<AzureConfig> = {}): AzureConfig {
  return {
    tenantId: LOCAL_TENANT,
    subscriptionIds: [],
    managementGroup: undefined,
    resourceManagerEndpoint: cloud.url,
    logAnalyticsEndpoint: cloud.url,
    authorityHost: cloud.url,
    disableInstanceDiscovery: true,
    workspaceIds: [],
    workspacesPerRequest: 1,
    logsServerTimeoutSeconds: 30,
    resourceGraphTimeoutMs: 10_000,
    discoverySeconds: 300,
    ...extra,
  };
}
