// Transitional: the upgrade and Prometheus queries move out of inventory.ts in the next commit.
export * from './inventory';
