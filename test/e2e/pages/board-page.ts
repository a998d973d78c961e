/** The board as a lead uses it: in the side panel (an extension page) or over a ConnectWise page (a shadow root). */
import type { Locator, Page } from 'playwright-core';

export class BoardView {
  readonly board: Locator;

  constructor(
    readonly page: Page,
    readonly root: Locator | Page = page,
  ) {
    this.board = root.locator('section.board');
  }

  column(name: string): Locator {
    return this.root.locator(`section.column[data-column="${name}"]`);
  }

  async count(name: string): Promise<number> {
    return Number(await this.column(name).locator('.column-count').textContent());
  }

  card(ticketId: string | number): Locator {
    return this.root.locator(`article.card[data-ticket-id="${ticketId}"]`);
  }

  /** The outcome of the last move, as the board says it. */
  notice(): Locator {
    return this.root.locator('.board-notice');
  }

  async waitForSynced(): Promise<void> {
    await this.root.locator('.board-sync').filter({ hasText: /^\d+ tickets · synced/ }).waitFor({ timeout: 60_000 });
  }

  async search(text: string): Promise<void> {
    await this.root.getByLabel('Search tickets').fill(text);
  }
}
