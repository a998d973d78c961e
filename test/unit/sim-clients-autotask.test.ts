/**
 * The simulator's Autotask dialect driven by a client someone else wrote: @apigrate/autotask-restapi
 * (apigrate/autotask-restapi, index.js). The library discovers the zone itself (`{base_url}v1.0/zoneInformation?user=`),
 * then sends every call to the zone's `url` + `V1.0`, with its own header spelling (`ApiIntegrationcode`). It does what
 * Pullboard does: picklists, resources and their service desk roles, queue lists with filter trees and paging, counts,
 * a sparse PATCH claim, a time entry, and Autotask's answers to bad input.
 */
import { AutotaskRestApi } from '@apigrate/autotask-restapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autotaskCredentials, type AutotaskApiUser } from '../psa-sim/autotask-credentials';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { isClosed } from '../psa-sim/tickets';

interface QueryAnswer<T> { items: T[]; pageDetails: { count: number; requestCount: number; nextPageUrl: string | null; prevPageUrl: string | null } }
interface AtTicket { id: number; queueID: number; status: number; assignedResourceID: number | null; assignedResourceRoleID: number | null; lastActivityDate: string }
interface Picklist { name: string; isPickList: boolean; picklistValues: { value: string; label: string; sortOrder: number; isActive: boolean }[] | null }
interface LibraryError { status: number; details: unknown; message: string }

let sim: Simulator;
let api: AutotaskRestApi;

function client(user?: AutotaskApiUser): AutotaskRestApi {
  const credentials = autotaskCredentials(sim.data);
  const who = user ?? credentials.apiUser;
  return new AutotaskRestApi(who.userName, who.secret, credentials.integrationCode, { base_url: `${sim.url}/ATServicesRest/` });
}
async function failure(call: Promise<unknown>): Promise<LibraryError> {
  const error = await call.then(() => null, (reason: unknown) => reason as LibraryError);
  expect(error, 'the call should have failed').not.toBeNull();
  return error as LibraryError;
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 1400 });
  api = client();
});
afterAll(() => sim.close());

describe('@apigrate/autotask-restapi against the simulator', () => {
  it('discovers the zone and reads the ticket picklists with their labels and order', async () => {
    const { fields } = (await api.Tickets.fieldInfo()) as { fields: Picklist[] };
    expect(api.zoneInfo).toMatchObject({ url: `${sim.url}/ATServicesRest/` });
    const status = fields.find((field) => field.name === 'status')!;
    expect(status.isPickList).toBe(true);
    expect(status.picklistValues!.find((value) => value.value === '8')).toMatchObject({ label: 'In Progress', isActive: true });
    expect(status.picklistValues!.some((value) => !value.isActive)).toBe(true);
    const priority = fields.find((field) => field.name === 'priority')!;
    expect(priority.picklistValues!.map((value) => value.label).sort()).toEqual(['Priority 1 - Critical', 'Priority 2 - High', 'Priority 3 - Normal', 'Priority 4 - Low']);
    expect(fields.find((field) => field.name === 'queueID')!.picklistValues!.length).toBeGreaterThanOrEqual(3);
  });

  it('finds the tech by user name and e-mail, with the service desk roles that let them hold tickets', async () => {
    const tech = autotaskCredentials(sim.data).techs[0]!;
    const byName = (await api.Resources.query({ filter: [{ op: 'eq', field: 'userName', value: tech.userName }] })) as QueryAnswer<{ id: number; email: string }>;
    expect(byName.items.map((resource) => resource.id)).toEqual([tech.resourceId]);
    const byMail = (await api.Resources.query({ filter: [{ op: 'eq', field: 'email', value: tech.email.toUpperCase() }] })) as QueryAnswer<{ id: number }>;
    expect(byMail.items.map((resource) => resource.id)).toEqual([tech.resourceId]);
    const roles = (await api.ResourceServiceDeskRoles.query({ filter: [{ op: 'eq', field: 'resourceID', value: tech.resourceId }, { op: 'eq', field: 'isActive', value: true }] })) as QueryAnswer<{ roleID: number }>;
    expect(roles.items.length).toBeGreaterThan(0);
    const apiUser = autotaskCredentials(sim.data).apiUser;
    const none = (await api.ResourceServiceDeskRoles.query({ filter: [{ op: 'eq', field: 'resourceID', value: apiUser.resourceId }] })) as QueryAnswer<unknown>;
    expect(none.items).toEqual([]);
  });

  it('lists a queue\'s open tickets with a filter tree, 500 a page, paged on id gt the last id, and counts them', async () => {
    const board = sim.data.boards[0]!;
    const { fields } = (await api.Tickets.fieldInfo()) as { fields: Picklist[] };
    const queue = fields.find((field) => field.name === 'queueID')!.picklistValues!.find((value) => value.label === board.name)!;
    const closedValues = [5, 22];
    const filter = [{ op: 'eq', field: 'QueueID', value: Number(queue.value) }, { op: 'notIn', field: 'status', value: closedValues }];
    const expected = sim.data.tickets.filter((t) => t.boardId === board.id && !isClosed(sim.data, t)).map((t) => t.id);
    expect(expected.length).toBeGreaterThan(500);
    const ids: number[] = [];
    let lastId = 0;
    for (;;) {
      const page = (await api.Tickets.query({ filter: [...filter, { op: 'gt', field: 'id', value: lastId }], IncludeFields: ['id', 'status', 'queueID'], MaxRecords: 500 })) as QueryAnswer<AtTicket>;
      ids.push(...page.items.map((ticket) => ticket.id));
      expect(page.pageDetails.count).toBe(page.items.length);
      if (page.items.length < 500) { expect(page.pageDetails.nextPageUrl).toBeNull(); break; }
      expect(page.pageDetails.nextPageUrl).toMatch(new RegExp(`^${sim.url}/ATServicesRest/V1\\.0/Tickets/query/next\\?`, 'i'));
      expect(Object.keys(page.items[0]!).sort()).toEqual(['id', 'queueID', 'status']);
      lastId = page.items.at(-1)!.id;
    }
    expect(ids).toEqual(expected);
    expect(await api.Tickets.count({ filter })).toEqual({ queryCount: expected.length });
  });

  it('claims a ticket with a sparse PATCH naming the resource and role, and logs time', async () => {
    const tech = autotaskCredentials(sim.data).techs[0]!;
    const roles = (await api.ResourceServiceDeskRoles.query({ filter: [{ op: 'eq', field: 'resourceID', value: tech.resourceId }] })) as QueryAnswer<{ roleID: number }>;
    const roleId = roles.items[0]!.roleID;
    const target = sim.data.tickets.find((t) => t.ownerId === null && !isClosed(sim.data, t))!;
    const before = (await api.Tickets.get(target.id)) as { item: AtTicket };
    expect(await api.Tickets.update({ id: target.id, status: 8, assignedResourceID: tech.resourceId, assignedResourceRoleID: roleId }, { ImpersonationResourceId: tech.resourceId }))
      .toEqual({ itemId: target.id });
    const after = (await api.Tickets.get(target.id)) as { item: AtTicket };
    expect(after.item).toMatchObject({ status: 8, assignedResourceID: tech.resourceId, assignedResourceRoleID: roleId });
    expect(Date.parse(after.item.lastActivityDate)).toBeGreaterThan(Date.parse(before.item.lastActivityDate));
    const end = new Date(sim.data.seededAt);
    const start = new Date(sim.data.seededAt - 1_800_000);
    const created = (await api.TimeEntries.create({
      ticketID: target.id, resourceID: tech.resourceId, roleID: roleId, dateWorked: start.toISOString(), startDateTime: start.toISOString(), endDateTime: end.toISOString(), summaryNotes: 'Worked on it',
    })) as { itemId: number };
    const entries = (await api.TimeEntries.query({ filter: [{ op: 'eq', field: 'ticketID', value: target.id }] })) as QueryAnswer<{ id: number; hoursWorked: number }>;
    expect(entries.items.find((entry) => entry.id === created.itemId)).toMatchObject({ hoursWorked: 0.5 });
  });

  it('gets Autotask\'s answers through the library: 500 with errors[] for a bad field, 401 for a wrong secret, null for a missing id', async () => {
    const bad = await failure(api.Tickets.query({ filter: [{ op: 'eq', field: 'nosuchfield', value: 1 }] }));
    expect(bad.status).toBe(500);
    expect(bad.details).toEqual({ errors: [expect.stringMatching(/nosuchfield/i)] });
    const wrong = client({ ...autotaskCredentials(sim.data).apiUser, secret: 'not-the-secret' });
    expect((await failure(wrong.Tickets.count({ filter: [{ op: 'exist', field: 'id' }] }))).status).toBe(401);
    expect(await api.Tickets.get(99_999_999)).toEqual({ item: null });
    const tooMany = await failure(api.Tickets.query({ filter: [{ op: 'exist', field: 'id' }], MaxRecords: 501 }));
    expect(tooMany.status).toBe(500);
  });
});
