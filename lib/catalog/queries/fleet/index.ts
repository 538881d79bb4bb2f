/**
 * The fleet pages' queries: the Resource Graph inventory, the activity log's upgrades and the
 * Prometheus signals by cluster. This index is the `fleet` namespace the catalog and its
 * readers use.
 */

export * from './inventory';
export * from './upgrades';
export * from './signals';
