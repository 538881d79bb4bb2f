import { describe, expect, it } from 'vitest';
import type { QueryFailure } from '../sources/runner';
import { failureView } from './failure-view';

const f = (failure: QueryFailure['failure'], extra: Partial<QueryFailure> = {}): QueryFailure => ({
  source: 'logs',
  failure,
  message: 'raw service words',
  ...extra,
});

describe('failures read the Headlamp way', () => {
  it('a missing permission informs and names the role and where', () => {
    expect(failureView(f('forbidden', { status: 403, scope: 'ws-prod' }))).toEqual({
      level: 'info',
      headline: 'No permission to read Log Analytics (needs Log Analytics Reader on ws-prod)',
      details: 'HTTP 403 · raw service words · scope: ws-prod',
    });
    expect(failureView(f('forbidden', { source: 'arg' })).headline).toBe(
      'No permission to read Resource Graph (needs Reader on the subscription)',
    );
  });

  it('throttling says when to try again; not found is said as such', () => {
    expect(failureView(f('throttled', { retryAfterSeconds: 12 }))).toMatchObject({
      level: 'warning',
      headline: 'Log Analytics is throttling requests; retry in 12 s',
    });
    expect(failureView(f('throttled')).headline).toContain('retry in a moment');
    expect(failureView(f('bad-query', { source: 'arm', status: 404 }))).toMatchObject({
      level: 'warning',
      headline: 'Azure Resource Manager: not found',
    });
  });

  it('anything else is a warning with the raw details behind the toggle; not configured is information', () => {
    expect(failureView(f('server-error', { status: 500 }))).toEqual({
      level: 'warning',
      headline: 'Log Analytics failed',
      details: 'HTTP 500 · raw service words',
    });
    expect(failureView(f('not-configured'))).toMatchObject({ level: 'info', details: null });
  });
});
