import type { Locator, Page } from '@playwright/test';

/** The resource page's provisioning panel: state, the three steps, reason, hints, links. */
export class PipelinePanel {
  readonly root: Locator;
  readonly badge: Locator;
  readonly openInPerses: Locator;
  /** The state in one line: "expected in about 2s", "reached Perses 2.4s after the change". */
  readonly when: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Provisioning' });
    this.badge = this.root.locator('.status-badge');
    this.when = this.root.locator('.pipeline-when');
    this.openInPerses = this.root.getByRole('link', { name: /Open in Perses/ });
  }

  /**
   * Records every state the panel shows from now on (badge and line), however briefly: a change
   * can stay Pending for less than one of Playwright's polls.
   */
  async recordStates() {
    await this.page.evaluate(() => {
      const w = window as unknown as { __states: { badge: string; line: string }[] };
      w.__states = [];
      const read = () => {
        const panel = document.querySelector('section[aria-label="Provisioning"]');
        const badge = panel?.querySelector('.status-badge')?.textContent ?? '';
        const line = panel?.querySelector('.pipeline-when')?.textContent ?? '';
        const last = w.__states.at(-1);
        if (last?.badge !== badge || last.line !== line) w.__states.push({ badge, line });
      };
      read();
      new MutationObserver(read).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
  }

  async recordedStates(): Promise<{ badge: string; line: string }[]> {
    return this.page.evaluate(
      () => (window as unknown as { __states: { badge: string; line: string }[] }).__states,
    );
  }

  /** One step (configmap, file, perses) of the pipeline. */
  step(step: 'configmap' | 'file' | 'perses'): Locator {
    return this.root.getByRole('list', { name: 'Pipeline' }).locator(`[data-step="${step}"]`);
  }
}

/** The Overview page: counts, the expected worst case, Perses, the lag chart, the orphans. */
export class OverviewPage {
  readonly counts: Locator;
  readonly expectation: Locator;
  readonly perses: Locator;
  readonly lag: Locator;
  readonly chart: Locator;
  readonly orphans: Locator;

  constructor(
    readonly page: Page,
    readonly base: string,
  ) {
    this.counts = page.getByRole('list', { name: 'Resources per status' });
    this.expectation = page.getByTestId('expectation');
    this.perses = page.getByRole('region', { name: 'Perses connection' });
    this.lag = page.getByRole('region', { name: 'Sync lag' });
    // uPlot draws on a canvas inside the chart's figure.
    this.chart = this.lag.getByRole('img').locator('canvas');
    this.orphans = page.getByRole('region', { name: 'Orphans' });
  }

  async goto() {
    await this.page.goto(`${this.base}/overview`);
    await this.expectation.waitFor();
  }

  /** The count tile of a state, e.g. "Synced: 3". */
  count(label: string): Locator {
    return this.counts.getByRole('link', { name: new RegExp(`^${label}: \\d+$`) });
  }

  orphan(kind: string, project: string | null, name: string): Locator {
    return this.orphans.getByRole('listitem', {
      name: `${kind} "${project ? `${project}/` : ''}${name}"`,
    });
  }
}
