import { expect, type Locator, type Page } from '@playwright/test';

/** A cluster layer page as a user sees it: role-based selectors only. */
export class ClusterPage {
  readonly layers: Locator;
  readonly logLines: Locator;
  readonly resolvedRange: Locator;

  constructor(readonly page: Page) {
    this.layers = page.getByRole('navigation', { name: 'Layers' });
    this.logLines = page.getByRole('log', { name: 'Log lines' }).getByRole('listitem');
    this.resolvedRange = page.getByTestId('resolved-range');
  }

  async goto(cluster: string, path = '', query = ''): Promise<void> {
    await this.page.goto(
      `/clusters/${encodeURIComponent(cluster)}${path ? `/${path}` : ''}${query ? `?${query}` : ''}`,
    );
    await this.expectCluster(cluster);
  }

  async expectCluster(cluster: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: cluster })).toBeVisible();
  }

  currentLayer(): Locator {
    return this.layers.locator('[aria-current="page"]');
  }

  async layerNames(): Promise<string[]> {
    return (await this.layers.getByRole('link').allTextContents()).map((t) => t.replace('★', '').trim());
  }

  panel(title: string | RegExp): Locator {
    return this.page.getByRole('region', { name: title });
  }

  /** Charts that finished drawing: a figure with at least one Recharts line in it. */
  charts(): Locator {
    return this.page.locator('figure').filter({ has: this.page.locator('path.recharts-line-curve') });
  }

  /** Axis tick labels of one panel's chart whose text matches (units live on the value axis). */
  tick(title: string | RegExp, text: RegExp): Locator {
    return this.panel(title).locator('.recharts-cartesian-axis-tick-value').filter({ hasText: text }).first();
  }

  /** The drawn chart of one panel. */
  chartIn(title: string | RegExp): Locator {
    return this.panel(title)
      .locator('figure')
      .filter({ has: this.page.locator('path.recharts-line-curve') });
  }
}
