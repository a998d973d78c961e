/**
 * The board model with a fake feed: a move shows pending at once, lands where the PSA put it, or goes
 * back with the reason; patches move cards; a reorder is kept locally and saved.
 */
import { describe, expect, it } from 'vitest';
import { Status, Ticket } from '../../utils/psa/model';
import { defaultBoardConfigSet } from '../../utils/board-config/schema';
import type { BoardPatch } from '../../utils/store/board-feed';
import { createBoardModel } from '../../utils/ui/board-model';
import type { BoardFeed, FeedListener } from '../../utils/ui/board-feed';
import type { MoveRequest, MoveResult } from '../../utils/protocol/answers';

const status = (id: string, name: string, order: number): Status => Status.parse({ id, name, order, closed: false, inactive: false, boardId: '1' });
const STATUSES = [status('1', 'New', 1), status('2', 'Triage', 2), status('3', 'Ready', 3), status('4', 'In Progress', 4)];

function ticket(id: string, statusId: string, updated = '2026-11-25T10:00:00.000Z'): Ticket {
  return Ticket.parse({
    id, number: `#${id}`, title: `Ticket ${id}`, status: { id: statusId, name: STATUSES.find((s) => s.id === statusId)!.name }, closed: false,
    board: { id: '1', name: 'Service Desk' }, priority: null, assignee: null, team: null, company: null, contact: null, type: null, subtype: null,
    created: '2026-11-20T10:00:00.000Z', updated, sla: { respondBy: null, resolveBy: null, respondedAt: null, resolvedAt: null, met: null },
    estimateHours: null, actualHours: null, url: `https://x.test/${id}`,
  });
}

function fakeFeed(tickets: Ticket[], answer: (request: MoveRequest) => Promise<MoveResult>) {
  let listener: FeedListener | null = null;
  const set = defaultBoardConfigSet(STATUSES, 'Service Desk');
  const feed: BoardFeed = {
    async load() {
      return {
        connection: { id: 'c1', kind: 'connectwise' },
        sync: { boardId: '1', boardName: 'Service Desk', me: null, statuses: STATUSES, priorities: [], members: [], lastPollAt: 1, lastError: null, rejectedCount: 0, firstRejected: null },
        configs: { set, stored: false, problem: null },
        boardId: 'main',
        tickets,
        enteredAt: {},
        thresholds: {},
      };
    },
    loadConfigs: async () => set,
    subscribe(_scope, l) {
      listener = l;
      return () => undefined;
    },
    moveCard: answer,
    saveReadyOrder: async () => undefined,
  };
  return { feed, patch: (patch: BoardPatch) => listener!.patch(patch), columnOf: (name: string) => set.boards[0]!.columns.find((c) => c.name === name)!.id };
}

describe('the board model', () => {
  it("shows a move pending, then where the PSA put it, even when the cache's broadcast comes first", async () => {
    let release: (result: MoveResult) => void = () => undefined;
    const moved = ticket('7', '2', '2026-11-25T11:00:00.000Z');
    const { feed, patch, columnOf } = fakeFeed([ticket('7', '1')], () => new Promise((resolve) => (release = resolve)));
    const model = createBoardModel(feed, { marks: false });
    model.listen();
    await model.reloadAll();
    const moving = model.move('7', columnOf('Triage'));
    expect(model.getIndex()!.isPending('7')).toBe(true);
    expect(model.getIndex()!.columnIdOf('7')).toBe(columnOf('Triage'));
    patch({ tickets: [moved], removed: [], enteredAt: {}, sync: null });
    release({ ticket: moved, warning: null, statusName: 'Triage', queued: false });
    await moving;
    expect(model.getIndex()!.isPending('7')).toBe(false);
    expect(model.getIndex()!.columnIdOf('7')).toBe(columnOf('Triage'));
    expect(model.notice.value).toEqual({ kind: 'ok', text: 'Moved #7 to Triage (status Triage in the PSA).' });
  });

  it('puts the card back with the reason when the move is refused', async () => {
    const { feed, columnOf } = fakeFeed([ticket('7', '1')], async () => {
      throw new Error('#7 was changed by someone else meanwhile');
    });
    const model = createBoardModel(feed, { marks: false });
    await model.reloadAll();
    await model.move('7', columnOf('Ready'));
    expect(model.getIndex()!.columnIdOf('7')).toBe(columnOf('New'));
    expect(model.notice.value).toEqual({ kind: 'error', text: '#7 not moved, back in New: #7 was changed by someone else meanwhile' });
  });
});
