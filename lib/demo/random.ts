/** Deterministic randomness: the same seed always yields the same fleet, on every machine. */

/** 32-bit FNV-1a: a stable hash for seeding from strings. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T;
  chance(p: number): boolean;
  between(min: number, max: number): number;
}

/** mulberry32: tiny, fast, and good enough for synthetic data. */
export function createRng(seed: string | number): Rng {
  let state = typeof seed === 'number' ? seed >>> 0 : hash32(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (choices) => {
      const total = choices.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [value, weight] of choices) {
        r -= weight;
        if (r < 0) return value;
      }
      return (choices[choices.length - 1] as readonly [never, number])[0];
    },
    chance: (p) => next() < p,
    between: (min, max) => min + next() * (max - min),
  };
  return rng;
}

/** A stable pseudo-GUID from a key (subscription ids, correlation ids). */
export function guidFrom(key: string): string {
  const hex = [0, 1, 2, 3].map((i) => hash32(`${key}#${i}`).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Short lowercase hex suffix, like the hashes in VMSS and ReplicaSet names. */
export function hexFrom(key: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += hash32(`${key}:${i}`).toString(16).padStart(8, '0');
  return out.slice(0, length);
}
