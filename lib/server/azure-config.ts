import 'server-only';
import { z } from 'zod';

/**
 * The AZURE_* variables (README: "Azure mode"). Setting AZURE_TENANT_ID switches Resource
 * Graph and Log Analytics from the demo to Azure; everything else is optional. Sign-in
 * itself is DefaultAzureCredential's: managed identity, workload identity, Azure CLI, or
 * AZURE_CLIENT_ID / AZURE_CLIENT_SECRET (read by the SDK, never by this code).
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const guidList = z
  .string()
  .max(100_000)
  .optional()
  .transform((raw, ctx) => {
    const ids = (raw ?? '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = ids.find((id) => !GUID.test(id));
    if (bad) ctx.addIssue({ code: 'custom', message: `"${bad.slice(0, 60)}" is not a GUID` });
    return [...new Set(ids.map((id) => id.toLowerCase()))];
  });

const httpsUrl = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((u) => {
      try {
        return new URL(u).protocol === 'https:';
      } catch {
        return false;
      }
    }, 'must be an https URL')
    .transform((u) => u.replace(/\/+$/, ''));

export const AZURE_ENV = {
  AZURE_TENANT_ID: z.string().regex(GUID, 'must be a tenant GUID').optional(),
  AZURE_SUBSCRIPTION_IDS: guidList,
  AZURE_MANAGEMENT_GROUP: z
    .string()
    .min(1)
    .max(90)
    .regex(/^[\w().-]+$/, 'must be a management group id')
    .optional(),
  AZURE_RESOURCE_MANAGER_ENDPOINT: httpsUrl('https://management.azure.com'),
  AZURE_LOG_ANALYTICS_ENDPOINT: httpsUrl('https://api.loganalytics.io'),
  AZURE_AUTHORITY_HOST: z.string().url().optional(),
  /** For authorities that Entra's instance discovery does not know (Azure Stack, private clouds). */
  AZURE_DISABLE_INSTANCE_DISCOVERY: z.enum(['true', 'false']).default('false'),
  AZURE_LOG_ANALYTICS_WORKSPACE_IDS: guidList,
  AZURE_LOG_ANALYTICS_WORKSPACES_PER_REQUEST: z.coerce.number().int().min(1).max(100).default(10),
  AZURE_LOG_ANALYTICS_SERVER_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  AZURE_RESOURCE_GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  AZURE_DISCOVERY_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
};

export interface AzureConfig {
  tenantId: string;
  subscriptionIds: string[];
  managementGroup: string | undefined;
  resourceManagerEndpoint: string;
  logAnalyticsEndpoint: string;
  authorityHost: string | undefined;
  disableInstanceDiscovery: boolean;
  /** Workspaces to ask besides the discovered ones (e.g. where the activity log is exported). */
  workspaceIds: string[];
  workspacesPerRequest: number;
  logsServerTimeoutSeconds: number;
  resourceGraphTimeoutMs: number;
  discoverySeconds: number;
}

type AzureEnv = z.output<z.ZodObject<typeof AZURE_ENV>>;

/** The Azure part of the configuration, or null when no tenant is set (demo or Prometheus only). */
export function azureConfig(e: AzureEnv): AzureConfig | null {
  if (!e.AZURE_TENANT_ID) return null;
  return {
    tenantId: e.AZURE_TENANT_ID.toLowerCase(),
    subscriptionIds: e.AZURE_SUBSCRIPTION_IDS,
    managementGroup: e.AZURE_MANAGEMENT_GROUP,
    resourceManagerEndpoint: e.AZURE_RESOURCE_MANAGER_ENDPOINT,
    logAnalyticsEndpoint: e.AZURE_LOG_ANALYTICS_ENDPOINT,
    authorityHost: e.AZURE_AUTHORITY_HOST,
    disableInstanceDiscovery: e.AZURE_DISABLE_INSTANCE_DISCOVERY === 'true',
    workspaceIds: e.AZURE_LOG_ANALYTICS_WORKSPACE_IDS,
    workspacesPerRequest: e.AZURE_LOG_ANALYTICS_WORKSPACES_PER_REQUEST,
    logsServerTimeoutSeconds: e.AZURE_LOG_ANALYTICS_SERVER_TIMEOUT_SECONDS,
    resourceGraphTimeoutMs: e.AZURE_RESOURCE_GRAPH_TIMEOUT_MS,
    discoverySeconds: e.AZURE_DISCOVERY_SECONDS,
  };
}
