import { expect, type Locator, type Page } from '@playwright/test';

/** The token sign-in page, and the header's account of who is signed in. */
export class SignInPage {
  readonly token: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly session: Locator;

  constructor(readonly page: Page) {
    this.token = page.getByRole('textbox', { name: 'Token' });
    this.submit = page.getByRole('button', { name: 'Sign in' });
    this.error = page.getByRole('alert');
    this.session = page.getByLabel(/^Signed in as /);
  }

  async waitShown() {
    await expect(this.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  }

  async signIn(token: string) {
    await this.waitShown();
    await this.token.fill(token);
    await this.submit.click();
  }
}
