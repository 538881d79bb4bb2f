/**
 * State that must exist once per server process. Next.js loads route handlers and pages as
 * separate module graphs, so a module-level `let cache` exists once per graph and a page
 * load followed by `/api/fleet` would run the same backend questions twice. Everything
 * registered here hangs off one symbol-keyed object on globalThis instead, which every
 * graph of the process sees.
 */

const REGISTRY = Symbol.for('fleetwatch.caches');

type Holder = { [REGISTRY]?: Map<string, unknown> };

function registry(): Map<string, unknown> {
  const g = globalThis as Holder;
  return (g[REGISTRY] ??= new Map());
}

/** The process's one value under `name`, created on first use. Names are namespaced: "fleet.overview". */
export function processShared<T>(name: string, create: () => T): T {
  const map = registry();
  if (!map.has(name)) map.set(name, create());
  return map.get(name) as T;
}

/** Test support: forget one shared value, or all of them. */
export function forgetProcessShared(name?: string): void {
  if (name === undefined) registry().clear();
  else registry().delete(name);
}

/** The names registered so far (tests, diagnostics). */
export function processSharedNames(): string[] {
  return [...registry().keys()].sort();
}
