// Transitional: the cost model moves back here in the next commit.
export * from './cost-report';
