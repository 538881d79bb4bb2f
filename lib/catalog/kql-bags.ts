/**
 * Reading ARM property bags the way ARM treats them: case-insensitively.
 *
 * AKS writes add-on and config keys in more than one case (`omsagent` / `omsAgent` /
 * `OmsAgent`, `logAnalyticsWorkspaceResourceID` / `…ResourceId`), but KQL's `bag.key` is
 * case-sensitive. Resource Graph supports no `mv-apply`, allows only two `mv-expand` per
 * query and does not document `bag_keys`, so the bag is normalised instead: serialised,
 * lower-cased and parsed again (`tostring`, `tolower`, `parse_json`, all plain scalar
 * functions). Every key at every depth then matches in any case, not only the spellings
 * seen so far. The price: values are lower-cased too, so readers compare ids and enums
 * case-insensitively (ARM ids are) and restore display case with `canonicalEnum`.
 *
 * The same normalisation is exported for JavaScript (`lowerBag`, `readLowerPath`), so the
 * demo and the local cloud project raw ARM bodies exactly the way the KQL does.
 */

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function key(name: string): string {
  if (!KEY.test(name)) throw new Error(`"${name}" is not a plain ARM property name`);
  return name.toLowerCase();
}

/** `| extend <column> = <lower-cased copy of source>`: one per query, read with `argPath`. */
export function argLowerBag(column: string, source = 'properties'): string {
  return `| extend ${key(column)} = parse_json(tolower(tostring(${source})))`;
}

/**
 * A property of the lower-cased bag in `column`, by its documented path in any case,
 * e.g. argPath('p', 'addonProfiles', 'omsagent', 'enabled') → `p.addonprofiles.omsagent.enabled`.
 * Path names are fixed identifiers from the catalog, never user input.
 */
export function argPath(column: string, ...path: string[]): string {
  return [key(column), ...path.map(key)].join('.');
}

/** JavaScript twin of `parse_json(tolower(tostring(bag)))`. */
export function lowerBag(bag: unknown): unknown {
  if (bag === undefined || bag === null) return null;
  return JSON.parse(JSON.stringify(bag).toLowerCase()) as unknown;
}

/** JavaScript twin of `argPath` on a bag already lowered by `lowerBag`. */
export function readLowerPath(lowered: unknown, ...path: string[]): unknown {
  let at: unknown = lowered;
  for (const p of path) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) return null;
    at = (at as Record<string, unknown>)[p.toLowerCase()];
    if (at === undefined) return null;
  }
  return at;
}

/** Any-case ARM path read on a raw body: `readLowerPath(lowerBag(body), …)`. */
export function readArmPath(body: unknown, ...path: string[]): unknown {
  return readLowerPath(lowerBag(body), ...path);
}

/**
 * An ARM body with every key lower-cased and every value as it came, for JavaScript readers of
 * REST bodies (no KQL involved, so values keep their case).
 */
export function lowerKeys(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(lowerKeys);
  if (body === null || typeof body !== 'object') return body;
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]),
  );
}

/** The documented spelling of an enum value read in any case; unknown values get a capital first letter. */
export function canonicalEnum<T extends string>(
  value: string | null | undefined,
  known: readonly T[],
): T | string | null {
  if (value === null || value === undefined || value === '') return null;
  const hit = known.find((k) => k.toLowerCase() === value.toLowerCase());
  return hit ?? value.charAt(0).toUpperCase() + value.slice(1);
}

/** Two ARM ids (or resource-group names) name the same thing: ARM compares them case-insensitively. */
export function sameArmId(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}
