/**
 * In-memory token buckets: each key (a user's subject, else the client address) holds up to
 * `burst` requests and regains `perMinute` a minute. Per replica, which is enough to stop
 * one client from monopolising the expensive fleet-wide queries; a shared limit would need
 * a shared store.
 */
export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until one request is allowed again (0 when allowed). */
  retryAfterSeconds: number;
  remaining: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perMinute: number,
    readonly burst: number,
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string, nowMs = Date.now()): RateLimitDecision {
    const ratePerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: nowMs };
    bucket.tokens = Math.min(this.burst, bucket.tokens + Math.max(0, nowMs - bucket.at) * ratePerMs);
    bucket.at = nowMs;
    // Re-insert so Map order is least-recently-used first, for eviction below.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0, remaining: Math.floor(bucket.tokens) };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000)),
      remaining: 0,
    };
  }
}

/** The client address as the nearest proxy saw it; only meaningful behind a trusted load balancer. */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip') || 'unknown';
}
