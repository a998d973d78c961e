/** The board as a lead uses it: in the side panel (an extension page) or over a PSA page (a closed shadow root). */
import type { Locator, Page } from 'playwright-core';
import type { ClosedElement, ClosedRoot } from './closed-root';

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

/**
 * The same board over a PSA page, inside its shadow root (closed to page script): read over the DevTools
 * protocol, driven with real clicks and keys.
 */
export class InPageBoardView {
  constructor(readonly root: ClosedRoot) {}

  dialog(): ClosedElement {
    return this.root.role('dialog', { name: 'Pullboard board' });
  }

  column(name: string): ClosedElement {
    return this.root.locator(`section.column[data-column="${name}"]`);
  }

  async count(name: string): Promise<number> {
    return Number(await this.column(name).locator('.column-count').text());
  }

  card(ticketId: string | number): ClosedElement {
    return this.root.locator(`article.card[data-ticket-id="${ticketId}"]`);
  }

  /** The first card drawn in a column's lane (cells draw only what is in view). */
  firstCard(column: string, lane: string): ClosedElement {
    return this.root.locator(`section.column[data-column="${column}"] [role="list"][aria-label^="${column}, ${lane}:"] article.card`).first();
  }

  notice(): ClosedElement {
    return this.root.locator('.board-notice');
  }

  async waitForSynced(): Promise<void> {
    await this.root.locator('.board-sync', { hasText: /^\d+ tickets · synced/ }).waitFor({ state: 'attached', timeout: 60_000 });
  }

  /** Types into the board's search box, as a person does. */
  async search(text: string): Promise<void> {
    await this.root.locator('input[aria-label="Search tickets"]').fill(text);
  }

  async close(): Promise<void> {
    await this.root.button('Close ✕').click();
    await this.root.waitFor({ state: 'detached' });
  }
}
