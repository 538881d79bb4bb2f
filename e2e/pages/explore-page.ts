import { expect, type Locator, type Page } from '@playwright/test';

/** The explorers, as a user drives them: an editor, a Run button, a result. */
export class ExplorePage {
  readonly run: Locator;

  constructor(readonly page: Page) {
    this.run = page.getByRole('button', { name: 'Run query', exact: true });
  }

  editor(name: string): Locator {
    return this.page.getByRole('textbox', { name });
  }

  /** Types into a CodeMirror editor the way a person does (keys, so completion opens). */
  async type(name: string, text: string): Promise<void> {
    await this.editor(name).click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.type(text, { delay: 15 });
  }

  completion(option: string): Locator {
    return this.page.locator('.cm-tooltip-autocomplete li', { hasText: option });
  }

  async copyLink(): Promise<string> {
    await this.page.getByRole('button', { name: 'Copy link' }).click();
    await expect(this.page.getByRole('button', { name: 'Link copied' })).toBeVisible();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
