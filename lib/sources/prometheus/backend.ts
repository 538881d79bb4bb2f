import 'server-only';
import type { Notice, QueryRequest } from '../../catalog/types';
import type { Backend, BackendResult, RunOptions } from '../backend';
import { SourceError, type SourceFailure } from '../errors';
import type { PrometheusAuth } from './auth';
import { createPrometheusClient, type PrometheusClient, type PromQueryResult } from './client';
import { checkManagedLimits, isAzureMonitorEndpoint, ManagedLimitError } from './limits';
import { mergePromData } from './merge';
import { promVector } from '../../catalog/wire';
import {
  DEFAULT_LABEL_PROFILE,
  detectLabelProfile,
  LABEL_PROFILES,
  PROFILE_DETECTION_QUERY,
  profileEvidence,
  type LabelProfileId,
} from '../../catalog/label-profiles';

export interface PrometheusBackendOptions {
  /** One or more Prometheus-compatible query endpoints; each may hold many clusters. */
  urls: readonly string[];
  auth: PrometheusAuth;
  timeoutMs: number;
  retries?: number;
  retryDelayMs?: number;
  fetch?: typeof fetch;
  /** Every endpoint's label conventions (PROMETHEUS_LABEL_PROFILE); unset: detected per endpoint from its data. */
  labelProfile?: LabelProfileId;
  /** How long a detected profile is kept (a failed or empty detection is asked again after a minute). */
  profileTtlMs?: number;
  now?: () => number;
}

export interface PrometheusBackend extends Backend {
  readonly clients: readonly PrometheusClient[];
  /** The label profile each endpoint is read with (detected once, then cached). */
  profileOf(index: number): Promise<LabelProfileId>;
}

const PROFILE_TTL_MS = 10 * 60_000;
const PROFILE_RETRY_MS = 60_000;
/** Failures that say the endpoint itself is down, not that the detection query was unwelcome. */
const ENDPOINT_DOWN: ReadonlySet<SourceFailure> = new Set(['unreachable', 'timeout']);

interface Detection {
  until: number;
  settled: boolean;
  outcome: Promise<{ profile: LabelProfileId; failure: SourceError | null }>;
}

/** The query's text for one endpoint's profile, when its parameters take one and the caller left it open. */
function textForProfile(request: QueryRequest, profile: LabelProfileId): string {
  const params = request.params as Record<string, unknown> | null;
  if (!params || typeof params !== 'object' || params['profile'] !== undefined) return request.text;
  const parsed = request.query.params.safeParse({ ...params, profile });
  if (!parsed.success || (parsed.data as Record<string, unknown>)['profile'] !== profile) return request.text;
  return request.query.build(parsed.data);
}

/**
 * Answers `prom` catalog queries over the Prometheus HTTP API. With several URLs the query
 * runs on each and the answers are merged: a URL that fails costs a notice while the others
 * answer, and only when all fail does the query fail.
 */
export function createPrometheusBackend(options: PrometheusBackendOptions): PrometheusBackend {
  if (options.urls.length === 0) throw new Error('createPrometheusBackend needs at least one URL');
  const managed = options.urls.map((url) => options.auth.kind === 'azure' || isAzureMonitorEndpoint(url));
  const clients = options.urls.map((url, i) =>
    createPrometheusClient({
      url,
      auth: options.auth,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      retryDelayMs: options.retryDelayMs,
      fetch: options.fetch,
      managed: managed[i],
    }),
  );
  const label = clients.length === 1 ? `Prometheus ${clients[0]?.url}` : `Prometheus (${clients.length} endpoints)`;
  const now = options.now ?? Date.now;
  const detected = clients.map(() => null as Detection | null);
  const fixed = (profile: LabelProfileId): Detection => ({
    until: Infinity,
    settled: true,
    outcome: Promise.resolve({ profile, failure: null }),
  });

  /** One detection query per endpoint and TTL, shared by concurrent callers. */
  function detection(index: number): Detection {
    if (options.labelProfile) return fixed(options.labelProfile);
    const client = clients[index];
    if (!client) return fixed(DEFAULT_LABEL_PROFILE);
    const cached = detected[index];
    if (cached && cached.until > now()) return cached;
    const entry: Detection = {
      until: now() + (options.profileTtlMs ?? PROFILE_TTL_MS),
      settled: false,
      outcome: Promise.resolve({ profile: DEFAULT_LABEL_PROFILE, failure: null }),
    };
    entry.outcome = client
      .query(PROFILE_DETECTION_QUERY, Math.floor(now() / 1000))
      .then((r) => ({ found: detectLabelProfile(profileEvidence(promVector(r.body))), failure: null }))
      .catch((error: unknown) => ({
        found: null,
        failure: error instanceof SourceError && ENDPOINT_DOWN.has(error.failure) ? error : null,
      }))
      .then(({ found, failure }) => {
        entry.settled = true;
        if (found === null) entry.until = Math.min(entry.until, now() + PROFILE_RETRY_MS);
        return { profile: found ?? DEFAULT_LABEL_PROFILE, failure };
      });
    detected[index] = entry;
    return entry;
  }

  async function runOne(
    client: PrometheusClient,
    index: number,
    request: QueryRequest,
    signal?: AbortSignal,
  ): Promise<PromQueryResult & { text: string; profile: LabelProfileId }> {
    const entry = detection(index);
    const waited = !entry.settled;
    const { profile, failure } = await entry.outcome;
    // Queries that waited on a detection the endpoint never answered share its failure rather than
    // spend a second deadline on the same dead endpoint; queries after it ask the endpoint again.
    if (failure && waited) throw failure;
    const text = textForProfile(request, profile);
    if (managed[index]) {
      try {
        checkManagedLimits(text, request.time);
      } catch (error) {
        if (error instanceof ManagedLimitError) {
          throw new SourceError(error.message, {
            source: 'prom',
            failure: 'bad-query',
            endpoint: client.url,
            scope: client.url,
            cause: error,
          });
        }
        throw error;
      }
    }
    const time = request.time;
    const answer =
      time.kind === 'instant'
        ? await client.query(text, time.at, signal)
        : await client.queryRange(text, { start: time.start, end: time.end, step: time.step }, signal);
    return { ...answer, text, profile };
  }

  return {
    label,
    kinds: ['prom'],
    clients,
    profileOf: async (index) => (await detection(index).outcome).profile,
    async run(request: QueryRequest, runOptions?: RunOptions): Promise<BackendResult> {
      const settled = await Promise.allSettled(clients.map((c, i) => runOne(c, i, request, runOptions?.signal)));
      const answers: Array<PromQueryResult & { text: string; profile: LabelProfileId }> = [];
      const failures: SourceError[] = [];
      for (const s of settled) {
        if (s.status === 'fulfilled') answers.push(s.value);
        else
          failures.push(
            s.reason instanceof SourceError
              ? s.reason
              : new SourceError(String(s.reason), { source: 'prom', failure: 'server-error', cause: s.reason }),
          );
      }
      const notices: Notice[] = [];
      const prefix = (endpoint: string): string => (clients.length > 1 ? `${endpoint}: ` : '');
      for (const a of answers) {
        for (const w of a.warnings)
          notices.push({ severity: 'warning', source: 'prom', message: `${prefix(a.endpoint)}${w}` });
        for (const i of a.infos)
          notices.push({ severity: 'info', source: 'prom', message: `${prefix(a.endpoint)}${i}` });
      }
      const first = answers[0];
      if (!first) {
        const [head] = failures;
        if (!head) throw new SourceError('no Prometheus endpoint answered', { source: 'prom', failure: 'unreachable' });
        if (failures.length === 1) throw head;
        throw new SourceError(
          `all ${failures.length} Prometheus endpoints failed: ${failures.map((f) => f.message).join('; ')}`,
          {
            source: 'prom',
            failure: head.failure,
            status: head.status,
            endpoint: head.endpoint,
            scope: head.scope,
            cause: head,
          },
        );
      }
      for (const f of failures) {
        notices.push({
          severity: 'warning',
          source: 'prom',
          message: `${f.message} — showing the answer of the other ${answers.length} endpoint${answers.length === 1 ? '' : 's'}`,
        });
      }
      // One endpoint: hand back its envelope untouched. Several: one envelope with the merged data.
      const wire =
        answers.length === 1 ? first.body : { status: 'success', data: mergePromData(answers.map((a) => a.data)) };
      // "Show query" names the conventions each endpoint was read with, and its text when they differ.
      const profiles = [...new Set(answers.map((a) => a.profile))];
      const texts = [...new Set(answers.map((a) => a.text))];
      const executedText =
        texts.length === 1
          ? first.text
          : answers.map((a) => `# ${a.endpoint} (${a.profile} labels)\n${a.text}`).join('\n');
      const profileNote = profiles.map((id) => LABEL_PROFILES[id].title).join('; ');
      return { wire, notices, executedText, label: `${label} · labels: ${profileNote}` };
    },
  };
}
