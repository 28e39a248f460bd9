import { expect, type Locator, type Page } from '@playwright/test';

/** The list's export dialog: options, the preview of the tree, the download link. */
export class ExportDialog {
  readonly dialog: Locator;
  readonly preview: Locator;
  readonly summary: Locator;
  readonly refused: Locator;
  readonly files: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Export as a Helm chart' });
    this.preview = this.dialog.getByRole('region', { name: 'Export preview' });
    this.summary = this.preview.getByRole('status');
    this.refused = this.preview.getByRole('group', { name: 'Not exported' });
    this.files = this.preview.getByRole('list', { name: 'Files' });
  }

  async open() {
    await this.page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(this.preview).toBeVisible();
  }

  async choose(option: 'Archive' | 'Shape' | 'Files' | 'Content', value: string) {
    await this.dialog.getByRole('combobox', { name: option }).selectOption(value);
  }

  downloadLink(): Locator {
    return this.dialog.getByRole('link', { name: /^Download / });
  }
}
