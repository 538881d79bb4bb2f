// Transitional: the layers move out of workloads.ts in the next commit.
export * from './workloads';
