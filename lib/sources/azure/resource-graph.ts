import 'server-only';
import { ResourceGraphClient, type ResourceGraphClientOptionalParams } from '@azure/arm-resourcegraph';
import type { TokenCredential } from '@azure/identity';
import type { Notice, QueryRequest } from '../../catalog/types';
import type { ArgResponse } from '../../catalog/wire';
import type { Backend, BackendResult } from '../backend';
import { SourceError } from '../errors';
import { deadline, sleep } from './abort';
import { scopeFor, type AzureRunOptions } from './credentials';
import { DEFAULT_RETRY_LIMITS, useBoundedRetry, type RetryLimits } from './retry';
import { toSourceError } from './sdk-errors';

/**
 * Resource Graph through @azure/arm-resourcegraph.
 * REST: POST {endpoint}/providers/Microsoft.ResourceGraph/resources
 * https://learn.microsoft.com/rest/api/azureresourcegraph/resourcegraph/resources/resources
 * Paging and throttling follow "Guidance for throttled requests":
 * https://learn.microsoft.com/azure/governance/resource-graph/concepts/guidance-for-throttled-requests
 */

/** The service returns at most 1,000 rows a page; $skipToken needs `id` in the projection. */
export const ARG_PAGE_SIZE = 1000;
/** The docs advise grouping fewer than 300 subscriptions per request. */
export const ARG_SUBSCRIPTION_BATCH = 250;

export interface ResourceGraphBackendOptions {
  /** ARM endpoint, e.g. https://management.azure.com (sovereign clouds and tests set their own). */
  endpoint: string;
  /** The server identity by default; a request may bring its own (the signed-in user). */
  credential: TokenCredential;
  /** Subscriptions to query; empty means every subscription the identity can read in the tenant. */
  subscriptions?: readonly string[];
  /** Query a management group instead of subscriptions. */
  managementGroup?: string;
  subscriptionBatchSize?: number;
  pageSize?: number;
  /** Stop paging after this many pages per scope batch and say so (50,000 rows by default). */
  maxPages?: number;
  /** Deadline for one catalog query, all pages and batches together. */
  timeoutMs?: number;
  /** The longest the backend waits for quota to reset before giving up on a panel. */
  maxQuotaWaitMs?: number;
  retry?: Partial<RetryLimits>;
  /** Pipeline options passed to the SDK client (e.g. tlsOptions for a private CA). */
  clientOptions?: Pick<ResourceGraphClientOptionalParams, 'tlsOptions' | 'userAgentOptions' | 'proxyOptions'>;
}

interface QuotaState {
  remaining: number | null;
  resetsAt: number;
}

/** "hh:mm:ss" (optionally with fractional seconds) → milliseconds. */
export function parseQuotaResetsAfter(value: string | undefined): number | null {
  const m = value ? /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value.trim()) : null;
  if (!m) return null;
  return Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000);
}

// Quota is per user, so it is tracked per credential, shared by every backend using it.
const quotas = new WeakMap<TokenCredential, QuotaState>();

function quotaFor(credential: TokenCredential): QuotaState {
  let q = quotas.get(credential);
  if (!q) quotas.set(credential, (q = { remaining: null, resetsAt: 0 }));
  return q;
}

interface ScopeBatch {
  subscriptions?: string[];
  managementGroups?: string[];
  label: string;
}

function scopeBatches(options: ResourceGraphBackendOptions): ScopeBatch[] {
  if (options.managementGroup) {
    return [{ managementGroups: [options.managementGroup], label: `management group ${options.managementGroup}` }];
  }
  const subs = options.subscriptions ?? [];
  if (subs.length === 0) return [{ label: 'tenant' }];
  const size = Math.max(1, Math.min(options.subscriptionBatchSize ?? ARG_SUBSCRIPTION_BATCH, 299));
  const batches: ScopeBatch[] = [];
  for (let i = 0; i < subs.length; i += size) {
    const slice = subs.slice(i, i + size);
    batches.push({
      subscriptions: slice,
      label:
        subs.length <= size
          ? `${subs.length} subscription${subs.length === 1 ? '' : 's'}`
          : `subscriptions ${i + 1}–${i + slice.length} of ${subs.length}`,
    });
  }
  return batches;
}

export function createResourceGraphBackend(options: ResourceGraphBackendOptions): Backend {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const pageSize = options.pageSize ?? ARG_PAGE_SIZE;
  const maxPages = options.maxPages ?? 50;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxQuotaWaitMs = options.maxQuotaWaitMs ?? 10_000;
  const retry: RetryLimits = { ...DEFAULT_RETRY_LIMITS, ...options.retry };
  const clients = new WeakMap<TokenCredential, ResourceGraphClient>();
  const service = 'Resource Graph';

  function clientFor(credential: TokenCredential): ResourceGraphClient {
    let client = clients.get(credential);
    if (!client) {
      client = new ResourceGraphClient(credential, {
        ...options.clientOptions,
        endpoint,
        credentials: { scopes: [scopeFor(endpoint)] },
      });
      useBoundedRetry(client.pipeline, retry);
      clients.set(credential, client);
    }
    return client;
  }

  /** Waits for quota when the last answer said none is left; fails fast when the wait is long. */
  async function awaitQuota(quota: QuotaState, signal: AbortSignal, scope: string): Promise<void> {
    const now = Date.now();
    if (quota.remaining !== null && quota.remaining <= 0 && quota.resetsAt > now) {
      const wait = quota.resetsAt - now;
      if (wait > maxQuotaWaitMs) {
        throw new SourceError(`Resource Graph quota is used up; it resets in ${Math.ceil(wait / 1000)} s`, {
          source: 'arg',
          failure: 'throttled',
          scope,
          status: 429,
          endpoint,
          retryAfterSeconds: Math.ceil(wait / 1000),
        });
      }
      await sleep(wait, signal);
      quota.remaining = null;
    }
    // Parallel panels share the quota: count this request before its answer arrives.
    if (quota.remaining !== null) quota.remaining -= 1;
  }

  function observeQuota(quota: QuotaState, headers: { get(name: string): string | undefined }): void {
    const remaining = headers.get('x-ms-user-quota-remaining');
    const resets = parseQuotaResetsAfter(headers.get('x-ms-user-quota-resets-after'));
    if (remaining !== undefined && /^-?\d+$/.test(remaining.trim())) {
      quota.remaining = Number(remaining);
      quota.resetsAt = Date.now() + (resets ?? 5000);
    }
  }

  async function runBatch(
    client: ResourceGraphClient,
    quota: QuotaState,
    text: string,
    batch: ScopeBatch,
    signal: AbortSignal,
  ): Promise<{ data: Record<string, unknown>[]; totalRecords: number; truncated: boolean; notices: Notice[] }> {
    const data: Record<string, unknown>[] = [];
    const notices: Notice[] = [];
    let totalRecords = 0;
    let truncated = false;
    let skipToken: string | undefined;
    let subscriptionLimitHit = false;
    const onResponse = (raw: { headers: { get(name: string): string | undefined } }): void => {
      observeQuota(quota, raw.headers);
      if (raw.headers.get('x-ms-tenant-subscription-limit-hit') === 'true') subscriptionLimitHit = true;
    };
    for (let page = 0; ; page++) {
      await awaitQuota(quota, signal, batch.label);
      const response = await client.resources(
        {
          query: text,
          ...(batch.subscriptions ? { subscriptions: batch.subscriptions } : {}),
          ...(batch.managementGroups ? { managementGroups: batch.managementGroups } : {}),
          // objectArray is the default today, but the format is part of the contract: say it.
          options: {
            resultFormat: 'objectArray',
            top: pageSize,
            ...(skipToken ? { skipToken } : {}),
            // Tenant and management-group scopes over the subscription limit answer for the
            // first subscriptions rather than failing; the header below says when that happened.
            ...(batch.subscriptions ? {} : { allowPartialScopes: true }),
          },
        },
        { abortSignal: signal, onResponse },
      );
      if (!Array.isArray(response.data)) {
        throw new SourceError('Resource Graph answered without a data array (is resultFormat objectArray?)', {
          source: 'arg',
          failure: 'bad-response',
          scope: batch.label,
          endpoint,
        });
      }
      for (const row of response.data as unknown[]) {
        if (typeof row === 'object' && row !== null && !Array.isArray(row)) data.push(row as Record<string, unknown>);
        else
          throw new SourceError('Resource Graph returned a row that is not an object', {
            source: 'arg',
            failure: 'bad-response',
            scope: batch.label,
            endpoint,
          });
      }
      if (page === 0) totalRecords = typeof response.totalRecords === 'number' ? response.totalRecords : data.length;
      if (String(response.resultTruncated) === 'true') truncated = true;
      skipToken = response.skipToken;
      if (!skipToken) break;
      if (page + 1 >= maxPages) {
        truncated = true;
        notices.push({
          severity: 'warning',
          source: 'arg',
          message: `Resource Graph: stopped after ${maxPages} pages (${data.length.toLocaleString('en')} of ${totalRecords.toLocaleString('en')} rows) for ${batch.label}`,
        });
        break;
      }
    }
    if (subscriptionLimitHit) {
      notices.push({
        severity: 'warning',
        source: 'arg',
        message: `Resource Graph answered for the first 10,000 subscriptions of ${batch.label} only; set AZURE_SUBSCRIPTION_IDS or AZURE_MANAGEMENT_GROUP to narrow the scope`,
      });
    }
    return { data, totalRecords, truncated, notices };
  }

  return {
    label: `Resource Graph ${endpoint}`,
    kinds: ['arg'],
    async run(request: QueryRequest, runOptions?: AzureRunOptions): Promise<BackendResult> {
      const credential = runOptions?.credential ?? options.credential;
      const client = clientFor(credential);
      const quota = quotaFor(credential);
      const batches = scopeBatches(options);
      const limit = deadline(timeoutMs, runOptions?.signal);
      const data: Record<string, unknown>[] = [];
      const notices: Notice[] = [];
      const failures: SourceError[] = [];
      let totalRecords = 0;
      let truncated = false;
      try {
        // Batches run one after another: the guidance prefers staggering to bursts.
        for (const batch of batches) {
          try {
            const result = await runBatch(client, quota, request.text, batch, limit.signal);
            data.push(...result.data);
            totalRecords += result.totalRecords;
            truncated ||= result.truncated;
            notices.push(...result.notices);
          } catch (error) {
            const failure = toSourceError(error, {
              source: 'arg',
              service,
              scope: batch.label,
              endpoint,
              timedOut: limit.timedOut(),
              timeoutMs,
            });
            // One batch of many failing costs those subscriptions, not the panel.
            if (batches.length === 1 || limit.signal.aborted) throw failure;
            failures.push(failure);
            notices.push({
              severity: 'error',
              source: 'arg',
              message: `Resource Graph, ${batch.label}: ${failure.message}`,
            });
          }
        }
      } finally {
        limit.dispose();
      }
      if (failures.length === batches.length && failures[0]) throw failures[0];
      if (truncated && !notices.some((n) => n.message.includes('stopped after'))) {
        notices.push({
          severity: 'warning',
          source: 'arg',
          message: `Resource Graph truncated the result: ${data.length.toLocaleString('en')} of ${totalRecords.toLocaleString('en')} rows (the query must project id to page)`,
        });
      }
      const wire: ArgResponse = {
        totalRecords,
        count: data.length,
        resultTruncated: truncated ? 'true' : 'false',
        data,
      };
      return { wire, notices, executedText: request.text };
    },
  };
}
