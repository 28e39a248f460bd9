import { expect, type Locator, type Page } from '@playwright/test';

/** The resource list, found by role and accessible name as a user (or a screen reader) would. */
export class ListPage {
  readonly grid: Locator;
  readonly search: Locator;
  readonly unlabeledToggle: Locator;
  readonly statusFilter: Locator;

  constructor(
    readonly page: Page,
    readonly base: string,
  ) {
    this.grid = page.getByRole('grid', { name: 'Resources' });
    this.search = page.getByRole('searchbox', { name: 'Search resources' });
    this.unlabeledToggle = page.getByRole('checkbox', { name: 'Show unlabeled ConfigMaps' });
    this.statusFilter = page.getByRole('combobox', { name: 'Status' });
  }

  async goto(query = '') {
    await this.page.goto(`${this.base}/${query}`);
    await this.waitLoaded();
  }

  /** Loaded: the grid, or an empty state when nothing matches. */
  async waitLoaded() {
    await expect(this.page.getByRole('region', { name: 'Resource list' })).toBeVisible();
    await expect(this.page.getByRole('progressbar', { name: 'Loading resources' })).toBeHidden();
  }

  row(kind: string, name: string, project?: string): Locator {
    return this.page.getByRole('link', {
      name: `${kind} ${project ? `${project}/` : ''}${name}`,
      exact: true,
    });
  }

  /** A badge of the row (draft, read-only, unlabeled), by its text. */
  badge(kind: string, name: string, project: string | undefined, text: string): Locator {
    return this.page
      .getByRole('row')
      .filter({ has: this.row(kind, name, project) })
      .getByText(text, { exact: true });
  }

  /** The provisioning status badge of a row (its text is the state, its title the reason). */
  status(kind: string, name: string, project?: string): Locator {
    return this.page
      .getByRole('row')
      .filter({ has: this.row(kind, name, project) })
      .locator('.status-badge');
  }

  async open(kind: string, name: string, project?: string) {
    await this.row(kind, name, project).click();
  }

  async filter(text: string) {
    await this.search.fill(text);
  }

  connection(): Locator {
    return this.page.getByRole('status', { name: /^Live updates:/ });
  }
}
