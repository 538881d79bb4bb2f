import { describe, expect, it } from 'vitest';
import { clientAddress, TokenBucketLimiter } from './rate-limit';

describe('TokenBucketLimiter', () => {
  it('allows a burst, then refuses with the wait until the next token', () => {
    const limiter = new TokenBucketLimiter(60, 3);
    const t = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('u', t).allowed)).toEqual([true, true, true]);
    expect(limiter.take('u', t)).toEqual({ allowed: false, retryAfterSeconds: 1, remaining: 0 });
    // 60 a minute = one a second.
    expect(limiter.take('u', t + 1000).allowed).toBe(true);
    expect(limiter.take('u', t + 1000).allowed).toBe(false);
  });

  it('keeps one bucket per key and bounds memory', () => {
    const limiter = new TokenBucketLimiter(1, 1, 2);
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('a', 0)).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.take('b', 0).allowed).toBe(true);
    limiter.take('c', 0);
    // "a" was evicted as least recently used, so it starts full again.
    expect(limiter.take('a', 0).allowed).toBe(true);
  });
});

describe('clientAddress', () => {
  it('takes the first forwarded address', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }))).toBe('203.0.113.7');
    expect(clientAddress(new Headers())).toBe('unknown');
  });
});
