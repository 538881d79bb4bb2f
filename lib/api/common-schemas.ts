import { z } from 'zod';
import type { Notice } from '../catalog/types';
import type { PanelNotice } from '../fleet/types';
import type { ExecutedQuery, QueryFailure } from '../sources/runner';
import { API_ERROR_CODES, type ApiErrorBody } from './errors';

/** The pieces every /api answer shares: the error envelope, executed queries, failures, notices. */

export const backendKind = z.enum(['arg', 'logs', 'prom', 'arm', 'prices']);
const sourceName = z.enum(['arg', 'logs', 'prom', 'arm', 'prices', 'demo']);
export const failureKind = z.enum([
  'not-configured',
  'unreachable',
  'timeout',
  'throttled',
  'unauthorized',
  'forbidden',
  'bad-query',
  'server-error',
  'bad-response',
  'unsupported',
]);
export const layer = z.enum(['fleet', 'L1', 'L2', 'L3', 'L4', 'L5', 'cost', 'onboarding', 'alerts']);
export const isoTime = z.iso.datetime({ offset: true });
export const count = z.number().int().nonnegative();
export const share = z.number().nullable();

export const apiErrorSchema = z.strictObject({
  error: z.strictObject({
    status: z.number().int().min(400).max(599),
    code: z.enum(API_ERROR_CODES),
    message: z.string().min(1),
    params: z.array(z.strictObject({ param: z.string(), message: z.string() })).optional(),
    source: z.string().optional(),
    query: z.string().optional(),
    retryAfterSeconds: z.number().nonnegative().optional(),
  }),
}) satisfies z.ZodType<ApiErrorBody>;

const queryTime = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('instant'), at: z.number() }),
  z.strictObject({ kind: z.literal('range'), start: z.number(), end: z.number(), step: z.number().positive() }),
]);

export const executedQuerySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  kind: backendKind,
  text: z.string(),
  backend: z.string(),
  durationMs: z.number().nonnegative(),
  time: queryTime,
  params: z.record(z.string(), z.unknown()).optional(),
}) satisfies z.ZodType<ExecutedQuery>;

export const queryFailureSchema = z.strictObject({
  source: sourceName,
  failure: failureKind,
  message: z.string(),
  status: z.number().int().optional(),
  scope: z.string().optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
}) satisfies z.ZodType<QueryFailure>;

export const noticeSchema = z.strictObject({
  severity: z.enum(['info', 'warning', 'error']),
  source: sourceName,
  message: z.string(),
  workspace: z.strictObject({ id: z.string(), failure: z.string(), status: z.number().int().optional() }).optional(),
}) satisfies z.ZodType<Notice>;

export const panelNoticeSchema = z.strictObject({
  queryId: z.string(),
  panel: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  source: z.string(),
  message: z.string(),
  failure: failureKind.optional(),
}) satisfies z.ZodType<PanelNotice>;
