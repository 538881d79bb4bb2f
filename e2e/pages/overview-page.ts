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

  /**
   * Scrolls through the whole virtualised list from the top and returns every row's cluster, in
   * order. Each step waits until the rows after the last one seen are rendered, so a slow render
   * cannot leave a gap; the table's aria-rowcount says how many there must be.
   */
  async allNames(): Promise<string[]> {
    await expect(this.table).toBeVisible();
    const total = Number(await this.table.getAttribute('aria-rowcount')) - 1;
    const seen = new Map<number, string>();
    await this.page.evaluate(() => window.scrollTo(0, 0));
    const rendered = () =>
      this.dataRows().evaluateAll((rows) =>
        rows.map((r) => [Number(r.getAttribute('data-index')), r.getAttribute('data-cluster') ?? ''] as const),
      );
    for (let guard = 0; guard < 1000 && seen.size < total; guard++) {
      let next = 0;
      while (seen.has(next)) next++;
      // The first row not seen yet, rendered (scrolling can outrun the virtualiser).
      await expect.poll(async () => (await rendered()).some(([i]) => i === next), { timeout: 10_000 }).toBe(true);
      for (const [i, name] of await rendered()) seen.set(i, name);
      let last = next;
      while (seen.has(last + 1)) last++;
      // The last row seen to the top of the window: the rows after it come into view.
      await this.table
        .locator(`[role="row"][data-index="${last}"]`)
        .evaluate((row) => row.scrollIntoView({ block: 'start' }));
    }
    return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
  }

  async chooseFilter(label: 'Health' | 'Provider' | 'Region' | 'Version', option: string): Promise<void> {
    await this.page.locator('summary', { hasText: `${label}:` }).click();
    await this.page
      .getByRole('group', { name: label })
      .getByRole('checkbox', { name: new RegExp(`^${option}( \\d+)?$`) })
      .check();
    await this.page.locator('summary', { hasText: `${label}:` }).click();
  }

  async sortBy(column: string): Promise<void> {
    await this.page
      .getByRole('columnheader')
      .getByRole('button', { name: new RegExp(`^${column}`) })
      .click();
  }
}
