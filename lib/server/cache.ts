import 'server-only';
import { processShared } from '../process-shared';

export { forgetProcessShared, processShared } from '../process-shared';

interface Entry<T> {
  expires: number;
  value: Promise<T>;
}

/**
 * A small in-process TTL cache that also shares in-flight work: ten users opening the
 * overview at once cost one round of backend queries. Keys must include everything that
 * changes the answer (scope, time bucket, and the user where Azure RBAC decides).
 */
export class TtlCache<T> {
  private entries = new Map<string, Entry<T>>();

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 200,
  ) {}

  get(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    const value = load();
    this.entries.set(key, { expires: now + this.ttlMs, value });
    // A failed load is not worth remembering.
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > this.maxEntries) {
      for (const [k, e] of this.entries)
        if (e.expires <= now || this.entries.size > this.maxEntries) this.entries.delete(k);
    }
    return value;
  }
}

/**
 * The process's one TtlCache under `name` (shared by pages and route handlers, see
 * process-shared.ts); a new, empty one when the TTL changes.
 */
export function sharedTtlCache<T>(name: string, ttlMs: number, maxEntries = 200): TtlCache<T> {
  const holder = processShared(`ttl-cache.${name}`, () => ({ current: null as TtlCache<unknown> | null }));
  if (holder.current?.ttlMs !== ttlMs) holder.current = new TtlCache<unknown>(ttlMs, maxEntries);
  return holder.current as TtlCache<T>;
}
