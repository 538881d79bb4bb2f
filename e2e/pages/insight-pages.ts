import { expect, type Locator, type Page } from '@playwright/test';

/** /onboarding as a user sees it: role-based selectors only. */
export class OnboardingPage {
  readonly matrix: Locator;
  readonly persona: Locator;
  readonly capability: Locator;
  readonly gapsOnly: Locator;
  readonly search: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.matrix = page.getByRole('table', { name: 'Clusters by monitoring capability' });
    this.persona = page.getByRole('combobox', { name: 'Persona' });
    this.capability = page.getByRole('combobox', { name: 'Capability' });
    this.gapsOnly = page.getByRole('checkbox', { name: 'Only clusters with gaps' });
    this.search = page.getByRole('searchbox', { name: 'Search clusters' });
    this.summary = page.getByText(/clusters have gaps/);
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/onboarding${query ? `?${query}` : ''}`);
    // loading.tsx shows the same heading: wait for the summary line, which only the page has.
    await expect(this.summary).toBeVisible();
  }

  clusterNames(): Promise<string[]> {
    return this.matrix.locator('tbody th[scope="row"] div.font-mono').allTextContents();
  }

  columnHeaders(): Promise<string[]> {
    return this.matrix.locator('thead th').allTextContents();
  }
}

/** /cost as a user sees it. */
export class CostPage {
  readonly range: Locator;
  readonly group: Locator;
  readonly cluster: Locator;
  readonly allocation: Locator;

  constructor(readonly page: Page) {
    this.range = page.getByRole('combobox', { name: 'Time range' });
    this.group = page.getByRole('combobox', { name: 'Allocate by' });
    this.cluster = page.getByRole('combobox', { name: 'Cluster' });
    this.allocation = page.getByRole('region', { name: /^Allocation by/ });
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/cost${query ? `?${query}` : ''}`);
    // loading.tsx shows the same heading: wait for a panel only the page has.
    await expect(this.page.getByRole('region', { name: /^Capacity alerts/ })).toBeVisible();
  }

  allocationKeys(): Promise<string[]> {
    return this.allocation.locator('tbody th[scope="row"]').allTextContents();
  }
}

/** /alerts as a user sees it. */
export class AlertsPage {
  readonly group: Locator;
  readonly severity: Locator;
  readonly coverageGaps: Locator;
  readonly firing: Locator;
  readonly coverage: Locator;

  constructor(readonly page: Page) {
    this.group = page.getByRole('combobox', { name: 'Group by' });
    this.severity = page.getByRole('combobox', { name: 'Severity' });
    this.coverageGaps = page.getByRole('checkbox', { name: 'Only clusters missing rules' });
    this.firing = page.getByRole('region', { name: /^Firing, by/ });
    this.coverage = page.getByRole('region', { name: 'Recommended rule coverage' });
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/alerts${query ? `?${query}` : ''}`);
    // loading.tsx shows the same heading: wait for a panel only the page has.
    await expect(this.coverage).toBeVisible();
  }

  coverageClusters(): Promise<string[]> {
    return this.coverage.locator('tbody th[scope="row"]').allTextContents();
  }
}
