import { expect, type Locator, type Page } from '@playwright/test';

/** The detail page: Monaco editor, toolbar, banners and the review/conflict/delete dialogs. */
export class EditorPage {
  readonly editor: Locator;
  readonly save: Locator;
  readonly deleteButton: Locator;
  readonly diffDialog: Locator;
  readonly conflictDialog: Locator;

  constructor(readonly page: Page) {
    this.editor = page.locator('[data-testid="code-editor"] .monaco-editor').first();
    this.save = page.getByRole('button', { name: /^Save/ });
    this.deleteButton = page.getByRole('button', { name: 'Delete', exact: true });
    this.diffDialog = page.getByRole('dialog', { name: 'Review changes' });
    this.conflictDialog = page.getByRole('dialog', { name: /by someone else/ });
  }

  async waitReady() {
    // The first editor of a browser context evaluates Monaco's 2.7 MB chunk: on a busy 2-core
    // machine that alone has taken 15 s.
    await expect(this.editor).toBeVisible({ timeout: 60_000 });
    await expect(this.page.locator('.view-lines')).not.toBeEmpty();
  }

  /**
   * Replaces the whole text as a paste: select all, then a paste event carrying the text
   * (typing would run Monaco's auto-indent and bracket closing on every line).
   */
  async setText(text: string) {
    await this.editor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.evaluate((t) => {
      const target = document.activeElement ?? document.body;
      const data = new DataTransfer();
      data.setData('text/plain', t);
      target.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, text);
  }

  /** The text Monaco holds, read from its model through the editor's accessible textarea. */
  async text(): Promise<string> {
    return this.page.evaluate(() => {
      const lines = [...document.querySelectorAll('[data-testid="code-editor"] .view-line')];
      return lines.map((l) => l.textContent ?? '').join('\n');
    });
  }

  async pressSave() {
    await this.editor.click();
    await this.page.keyboard.press('ControlOrMeta+S');
  }

  /** `applyNow: false` saves the ConfigMap only, leaving the change to provisioning. */
  async confirmSave(opts: { applyNow?: boolean } = {}) {
    await expect(this.diffDialog).toBeVisible();
    if (opts.applyNow !== undefined) {
      // Known once the server said whether Perses takes writes: before that the box is off.
      await expect(this.diffDialog.getByText('checking whether Perses takes writes')).toHaveCount(
        0,
      );
      await this.diffDialog
        .getByRole('checkbox', { name: 'Apply now in Perses' })
        .setChecked(opts.applyNow);
    }
    await this.diffDialog.getByRole('button', { name: 'Confirm and save' }).click();
    await expect(this.diffDialog).toBeHidden();
  }

  /** Resolves once every diff of `dialog` is computed and shows `texts`: the state to capture. */
  async diffsShown(dialog: Locator, ...texts: string[]) {
    const diffs = dialog.getByTestId('diff-editor');
    await expect(diffs.first()).toBeVisible();
    for (const diff of await diffs.all()) await expect(diff).toHaveAttribute('aria-busy', 'false');
    for (const text of texts) await expect(dialog).toContainText(text);
  }

  toast(text: string | RegExp): Locator {
    return this.page.getByRole('region', { name: 'Notifications' }).getByText(text);
  }
}
