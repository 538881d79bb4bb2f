import type { TokenCredential } from '@azure/identity';
import { processShared } from '../../process-shared';
import { reuseTokens } from '../azure/credentials';

/** How requests to one Prometheus endpoint are authenticated. */
export type PrometheusAuth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; password: string }
  /** Azure Monitor workspace query endpoint: an Entra token for the managed-Prometheus scope. */
  | { kind: 'azure'; credential?: TokenCredential };

/** The Entra scope of Azure Monitor workspace query endpoints (docs: prometheus-api-promql). */
export const AZURE_PROMETHEUS_SCOPE = 'https://prometheus.monitor.azure.com/.default';

/** The process's own identity for Prometheus-only deployments, made on first use. */
const defaultCredential = (): { current: Promise<TokenCredential> | null } =>
  processShared('prometheus.default-credential', () => ({ current: null as Promise<TokenCredential> | null }));

async function azureCredential(auth: { credential?: TokenCredential }): Promise<TokenCredential> {
  // Tokens are reused per scope until near expiry (reuseTokens returns the same wrapper each time).
  if (auth.credential) return reuseTokens(auth.credential);
  const holder = defaultCredential();
  // Loaded lazily: only Azure-authenticated deployments pay for the identity SDK.
  holder.current ??= import('@azure/identity').then(({ DefaultAzureCredential }) =>
    reuseTokens(new DefaultAzureCredential()),
  );
  return holder.current;
}

/** The Authorization header for a request, or null when the endpoint needs none. */
export async function authorizationHeader(auth: PrometheusAuth, signal?: AbortSignal): Promise<string | null> {
  switch (auth.kind) {
    case 'none':
      return null;
    case 'bearer':
      return `Bearer ${auth.token}`;
    case 'basic':
      return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
    case 'azure': {
      // enableCae as the Azure SDK pipelines ask: @azure/identity keeps one msal app per CAE
      // setting, so the same setting means one OpenID configuration and one cache per credential.
      const token = await (
        await azureCredential(auth)
      ).getToken(AZURE_PROMETHEUS_SCOPE, { abortSignal: signal, enableCae: true });
      if (!token) throw new Error('no Entra token for the Azure Monitor workspace');
      return `Bearer ${token.token}`;
    }
  }
}
