// Transitional: the capability model moves back here in the next commit.
export * from './onboarding-checks';
