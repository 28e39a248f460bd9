import { expect, type Locator, type Page } from '@playwright/test';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The dashboard preview beside the editor: sections, panel cards, the arrange messages. */
export class DashboardPreview {
  readonly region: Locator;
  readonly message: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Dashboard preview' });
    this.message = this.region.locator('.dp-message');
  }

  async waitReady() {
    await expect(this.region.getByRole('article').first()).toBeVisible({ timeout: 20_000 });
  }

  /** A Grid layout, by its title. */
  section(title: string): Locator {
    return this.region.getByRole('region', { name: title, exact: true });
  }

  /** A panel card, by the panel's display name (the start of its accessible name). */
  card(name: string, within: Locator = this.region): Locator {
    return within.getByRole('article', { name: new RegExp(`^${escape(name)},`) });
  }

  /** The drawing area of a section (its react-grid-layout container). */
  grid(title: string): Locator {
    return this.section(title).locator('.react-grid-layout');
  }

  /** Drags a card by its title bar, by a number of grid columns and rows of that section. */
  async drag(card: Locator, grid: Locator, cols: number, rows: number, rowPx: number) {
    // Hovering waits until the card stands still and is in view: a part of the page arriving
    // above the preview (the provisioning panel) would otherwise move it from under the mouse.
    await card.hover({ position: { x: 20, y: 10 } });
    const box = await card.boundingBox();
    const area = await grid.boundingBox();
    if (!box || !area) throw new Error('card or grid not visible');
    const colPx = area.width / 24;
    const from = { x: box.x + 20, y: box.y + 10 };
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    // Past react-grid-layout's drag threshold first, then to the target in steps.
    await this.page.mouse.move(from.x + 8, from.y + 8, { steps: 2 });
    await this.page.mouse.move(from.x + cols * colPx, from.y + rows * rowPx, { steps: 12 });
    await this.page.mouse.up();
  }
}
