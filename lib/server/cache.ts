import 'server-only';

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
    private readonly ttlMs: number,
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
      for (const [k, e] of this.entries) if (e.expires <= now || this.entries.size > this.maxEntries) this.entries.delete(k);
    }
    return value;
  }
}
