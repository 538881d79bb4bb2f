import { expect, type Locator, type Page } from '@playwright/test';

/** The fleet overview as a user sees it: role-based selectors only. */
export class OverviewPage {
  readonly table: Locator;
  readonly visibleCount: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Clusters' });
    this.visibleCount = page.getByTestId('visible-count');
    this.search = page.getByRole('searchbox', { name: 'Search clusters' });
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/${query ? `?${query}` : ''}`);
    await expect(this.page.getByRole('heading', { name: 'Fleet overview' })).toBeVisible();
  }

  /** Rows currently in the DOM (the table is virtualised). */
  dataRows(): Locator {
    return this.table.locator('[role="row"][data-cluster]');
  }

  async renderedNames(): Promise<string[]> {
    return this.dataRows().evaluateAll((rows) =>
      rows
        .map((r) => ({ name: r.getAttribute('data-cluster') ?? '', index: Number(r.getAttribute('data-index')) }))
        .sort((a, b) => a.index - b.index)
        .map((r) => r.name),
    );
  }

  /** Scrolls through the whole virtualised list and returns every row's cluster, in order. */
  async allNames(): Promise<string[]> {
    const seen = new Map<number, string>();
    for (let guard = 0; guard < 500; guard++) {
      const batch = await this.dataRows().evaluateAll((rows) => rows.map((r) => [Number(r.getAttribute('data-index')), r.getAttribute('data-cluster') ?? ''] as const));
      for (const [i, name] of batch) seen.set(i, name);
      const atBottom = await this.page.evaluate(() => {
        window.scrollBy(0, window.innerHeight * 0.8);
        return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
      });
      if (atBottom) {
        await this.page.waitForTimeout(50);
        const last = await this.dataRows().evaluateAll((rows) => rows.map((r) => [Number(r.getAttribute('data-index')), r.getAttribute('data-cluster') ?? ''] as const));
        for (const [i, name] of last) seen.set(i, name);
        break;
      }
      await this.page.waitForTimeout(16);
    }
    return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
  }

  async chooseFilter(label: 'Health' | 'Provider' | 'Region' | 'Version', option: string): Promise<void> {
    await this.page.locator('summary', { hasText: `${label}:` }).click();
    await this.page.getByRole('group', { name: label }).getByRole('checkbox', { name: new RegExp(`^${option}( \\d+)?$`) }).check();
    await this.page.locator('summary', { hasText: `${label}:` }).click();
  }

  async sortBy(column: string): Promise<void> {
    await this.page.getByRole('columnheader').getByRole('button', { name: new RegExp(`^${column}`) }).click();
  }
}
