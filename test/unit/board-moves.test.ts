/**
 * The board's requests in the background, through the real router (validation, sender checks) and
 * the ConnectWise adapter against the simulator: moves written to the PSA, refusals, the Ready order,
 * the designer's save/import/export.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials } from '../psa-sim/seed';
import { createPsa } from '../../utils/psa';
import { syncBoard } from '../../utils/sync/engine';
import { clearConnection, loadTicketsByIds } from '../../utils/store/tickets';
import { boardConfigKey, loadBoardConfig, saveBoardConfigSet } from '../../utils/store/board-config';
import { openPullboardDb } from '../../utils/store/db';
import { handleMessage } from '../../utils/background/router';
import { forgetAdapter } from '../../utils/background/service';
import type { BoardConfigSet } from '../../utils/board-config/schema';
import type { Reply } from '../../utils/protocol/answers';
import type { RequestType } from '../../utils/protocol/requests';
import { statusOf, ticketsInStatus } from '../sim-queries';

let sim: Simulator;
const connectionId = 'board-moves';
const extensionPage = () => ({ id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/sidepanel.html` });
const psaTab = { id: 1, index: 0, highlighted: false, active: true, pinned: false, incognito: false, windowId: 1 };

function connection() {
  const tech = memberCredentials(sim.data)[0]!;
  return { kind: 'connectwise' as const, id: connectionId, siteUrl: sim.url, companyId: DEMO_COMPANY_ID, publicKey: tech.publicKey, privateKey: tech.privateKey, clientId: DEMO_CLIENT_ID, boardId: '1' };
}

async function ask<T extends RequestType>(request: Record<string, unknown> & { type: T }, sender: object = extensionPage()): Promise<Reply<T>> {
  return (await handleMessage(request, sender)) as Reply<T>;
}

async function value<T extends RequestType>(request: Record<string, unknown> & { type: T }) {
  const reply = await ask(request);
  if (!reply.ok) throw new Error(`${reply.error.kind}: ${reply.error.message}`);
  return reply.value;
}

async function config(): Promise<BoardConfigSet> {
  const view = await value({ type: 'board.config.get', connectionId });
  return view!.set;
}

async function cached(id: number) {
  return (await loadTicketsByIds(connectionId, [String(id)])).get(String(id))!;
}

function moveRequest(ticket: { id: string; updated: string; status: { id: string } }, toColumnId: string) {
  return { type: 'card.move' as const, connectionId, boardId: 'main', ticketId: ticket.id, toColumnId, expectedUpdated: ticket.updated, expectedStatusId: ticket.status.id };
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 300, seed: 5 });
});
afterAll(async () => sim.close());

beforeEach(async () => {
  fakeBrowser.reset();
  forgetAdapter(connectionId);
  await fakeBrowser.storage.local.set({ connections: [connection()] });
  await clearConnection(connectionId);
  await (await openPullboardDb()).delete('config', boardConfigKey(connectionId));
  await syncBoard({ connectionId, boardId: '1', psa: createPsa(connection()) }, { now: Date.now, onChange: () => undefined });
});

describe('moving a card writes the column\'s status to the PSA', () => {
  it('writes the first status of the target column and updates the cache', async () => {
    const simTicket = ticketsInStatus(sim.data, 1, 'Ready')[0]!;
    const ticket = await cached(simTicket.id);
    const waiting = (await config()).boards[0]!.columns.find((c) => c.name === 'Waiting on Client')!;
    const result = await value(moveRequest(ticket, waiting.id));
    expect(result.statusName).toBe('Waiting on Client');
    expect(statusOf(sim.data, simTicket).name).toBe('Waiting on Client');
    expect((await cached(simTicket.id)).status.name).toBe('Waiting on Client');
  });

  it('refuses when the ticket changed in the PSA since the board showed it, and learns the new state', async () => {
    const simTicket = ticketsInStatus(sim.data, 1, 'Ready')[1]!;
    const ticket = await cached(simTicket.id);
    sim.updateTicketAsSomeoneElse(simTicket.id, { statusName: 'Triage' });
    const doing = (await config()).boards[0]!.columns.find((c) => c.name === 'In Progress')!;
    const reply = await ask(moveRequest(ticket, doing.id));
    expect(reply).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('changed by someone else') } });
    expect(statusOf(sim.data, simTicket).name).toBe('Triage');
    expect((await cached(simTicket.id)).status.name).toBe('Triage');
  });

  it('refuses a move into a full column with a hard limit, and writes nothing', async () => {
    const set = await config();
    const inProgress = ticketsInStatus(sim.data, 1, 'In Progress').length;
    const board = { ...set.boards[0]!, columns: set.boards[0]!.columns.map((c) => (c.name === 'In Progress' ? { ...c, wipLimit: inProgress, hardLimit: true } : c)) };
    await value({ type: 'board.config.save', connectionId, config: { ...set, boards: [board] } });
    const simTicket = ticketsInStatus(sim.data, 1, 'Ready')[2]!;
    const reply = await ask(moveRequest(await cached(simTicket.id), board.columns.find((c) => c.name === 'In Progress')!.id));
    expect(reply).toMatchObject({ ok: false, error: { kind: 'limit', message: `In Progress is at its limit of ${inProgress}: finish or move a ticket out of it first.` } });
    expect(statusOf(sim.data, simTicket).name).toBe('Ready');
  });

  it('refuses a move into a column with no status for the ticket\'s board, with the reason', async () => {
    const set = await config();
    const board = { ...set.boards[0]!, columns: [...set.boards[0]!.columns, { id: 'billing', name: 'Billing', statusIds: [], role: 'done' as const, wipLimit: null, hardLimit: false }] };
    await saveBoardConfigSet(connectionId, { ...set, boards: [board] });
    const simTicket = ticketsInStatus(sim.data, 1, 'Ready')[3]!;
    const reply = await ask(moveRequest(await cached(simTicket.id), 'billing'));
    expect(reply).toMatchObject({ ok: false, error: { kind: 'refused', message: 'Billing has no status on board Service Desk to move a ticket to: map one to it in Options → Board designer.' } });
    expect(statusOf(sim.data, simTicket).name).toBe('Ready');
  });

  it('lets a PSA page move cards and read the board, never change its configuration', async () => {
    const page = { id: fakeBrowser.runtime.id, url: `${sim.url}/v2025_1/ConnectWise.aspx`, tab: psaTab };
    await fakeBrowser.storage.local.set({ connections: [{ ...connection(), siteUrl: 'https://na.myconnectwise.net' }] });
    const cwPage = { ...page, url: 'https://na.myconnectwise.net/v2025_1/ConnectWise.aspx' };
    expect(await ask({ type: 'board.config.save', connectionId, config: await config() }, cwPage)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await ask({ type: 'board.config.import', connectionId, text: '{}' }, cwPage)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const snapshot = await ask({ type: 'board.snapshot', boardId: null }, cwPage);
    expect(snapshot).toMatchObject({ ok: true, value: { connection: { id: connectionId }, boardId: 'main' } });
  });
});

describe('the dispatcher\'s Ready order', () => {
  it('is kept in the board configuration, not written to the PSA', async () => {
    const before = sim.data.tickets.map((t) => t.updatedAt);
    await value({ type: 'board.ready.order', connectionId, boardId: 'main', order: ['10020', '10005', '10020'] });
    expect((await loadBoardConfig(connectionId)).ranking.readyOrder).toEqual(['10020', '10005']);
    expect(sim.data.tickets.map((t) => t.updatedAt)).toEqual(before);
  });
});

describe('the designer\'s configuration through the background', () => {
  it('exports a file that imports back; a bad file changes nothing and says why', async () => {
    const set = await config();
    const changed = { ...set, boards: [{ ...set.boards[0]!, swimlanes: 'priority' as const }] };
    await value({ type: 'board.config.save', connectionId, config: changed });
    const file = await value({ type: 'board.config.export', connectionId });
    expect(file.fileName).toBe('pullboard-service-desk.json');
    expect(JSON.parse(file.text)).toMatchObject({ format: 'pullboard.board-config', version: 1, psa: { kind: 'connectwise', boardId: '1', boardName: 'Service Desk' } });

    const bad = JSON.parse(file.text) as { boards: { swimlanes: string; columns: { statusIds: string[] }[] }[] };
    bad.boards[0]!.swimlanes = 'none';
    bad.boards[0]!.columns[0]!.statusIds = ['999999'];
    const refused = await ask({ type: 'board.config.import', connectionId, text: JSON.stringify(bad) });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid', message: expect.stringMatching(/^Nothing was changed: Board "Service Desk", column "New": status 999999 does not exist/) } });
    expect((await loadBoardConfig(connectionId)).swimlanes).toBe('priority');

    const malformed = await ask({ type: 'board.config.import', connectionId, text: '{"format":"pullboard.board-config","version":1,"defaultBoardId":"main","boards":[{"id":"main"}]}' });
    expect(malformed).toMatchObject({ ok: false, error: { message: expect.stringContaining('boards[0].name') } });

    await value({ type: 'board.config.save', connectionId, config: { ...changed, boards: [{ ...changed.boards[0]!, swimlanes: 'none' }] } });
    const imported = await value({ type: 'board.config.import', connectionId, text: file.text });
    expect(imported.boards[0]!.swimlanes).toBe('priority');
    expect((await loadBoardConfig(connectionId)).swimlanes).toBe('priority');
  });
});
