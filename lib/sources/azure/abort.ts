import 'server-only';

/** Waiting and deadlines that give way to an abort signal, for the Azure backends and their credentials. */

/** The part of an abort signal sleep needs (the SDK's AbortSignalLike has no `reason`). */
export interface SignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export function abortReason(signal: SignalLike | undefined): Error {
  const reason = signal && 'reason' in signal ? (signal as { reason?: unknown }).reason : undefined;
  return reason instanceof Error ? reason : new DOMException('the operation was aborted', 'AbortError');
}

/** Waits, or rejects as soon as the signal aborts. */
export function sleep(ms: number, signal?: SignalLike): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One signal for "the caller gave up or our deadline passed", so the SDK request is
 * cancelled either way, plus a way to tell the two apart afterwards.
 */
export function deadline(
  timeoutMs: number,
  outer?: AbortSignal,
): { signal: AbortSignal; timedOut: () => boolean; dispose: () => void } {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  const onOuter = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}

/** The work's result, or the signal's abort if that comes first (the work goes on for others). */
export function raceAbort<T>(work: Promise<T>, signal: SignalLike | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
