import { expect, type Locator, type Page } from '@playwright/test';

/** The portal's sign-in surface and the local OpenID provider's login pages. */
export class SignInPage {
  readonly headerSignIn: Locator;
  readonly panelSignIn: Locator;
  readonly accountButton: Locator;

  constructor(readonly page: Page) {
    this.headerSignIn = page.getByRole('banner').getByRole('button', { name: 'Sign in' });
    this.panelSignIn = page.getByRole('main').getByRole('button', { name: /^Sign in/ });
    this.accountButton = page.getByRole('banner').locator('button[aria-haspopup="menu"]');
  }

  async expectSignInRequired(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Sign in to Fleetwatch' })).toBeVisible();
    await expect(this.page.getByRole('table', { name: 'Clusters' })).toHaveCount(0);
  }

  /** Through MSAL's redirect to the provider's login and consent pages, and back. */
  async signInAs(login: string): Promise<void> {
    await this.panelSignIn.click();
    await this.page.locator('input[name="login"]').fill(login);
    await this.page.locator('input[name="password"]').fill('any password');
    await this.page.getByRole('button', { name: 'Sign-in' }).click();
    const consent = this.page.getByRole('button', { name: 'Continue' });
    // Consent is asked once per grant.
    if (await consent.isVisible({ timeout: 5000 }).catch(() => false)) await consent.click();
  }

  async signOut(): Promise<void> {
    await this.accountButton.click();
    await this.page.getByRole('menuitem', { name: 'Sign out' }).click();
    await this.page.getByRole('button', { name: 'Yes, sign me out' }).click();
  }
}
