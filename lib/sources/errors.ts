import type { BackendKind } from '../catalog/types';

export type SourceName = BackendKind | 'demo';

/** Why a backend failed, in words a reader of the panel can act on. */
export type SourceFailure =
  | 'not-configured'
  | 'unreachable'
  | 'timeout'
  | 'throttled'
  | 'unauthorized'
  | 'forbidden'
  | 'bad-query'
  | 'server-error'
  | 'bad-response'
  | 'unsupported';

/** Every failure of a backend carries where it happened: which service, which scope, which status. */
export class SourceError extends Error {
  override name = 'SourceError';
  readonly source: SourceName;
  readonly failure: SourceFailure;
  readonly scope: string | undefined;
  readonly status: number | undefined;
  readonly endpoint: string | undefined;
  /** Throttled: when the service said asking again can work. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    message: string,
    details: {
      source: SourceName;
      failure: SourceFailure;
      scope?: string;
      status?: number;
      endpoint?: string;
      retryAfterSeconds?: number;
      cause?: unknown;
    },
  ) {
    super(message, { cause: details.cause });
    this.source = details.source;
    this.failure = details.failure;
    this.scope = details.scope;
    this.status = details.status;
    this.endpoint = details.endpoint;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}
