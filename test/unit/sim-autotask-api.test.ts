import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autotaskLastActivity } from '../psa-sim/autotask';
import { autotaskApiBase, autotaskCredentials, autotaskHeaders, AUTOTASK_API_USER_RESOURCE_ID } from '../psa-sim/autotask-credentials';
import { XSS_SUMMARY } from '../psa-sim/seed';
import { startSimulator, type Simulator } from '../psa-sim/server';

interface Ticket { [field: string]: unknown; id: number; status: number; assignedResourceID: number | null; assignedResourceRoleID: number | null; lastActivityDate: string }
interface Picklist { value: string; label: string; sortOrder: number; isActive: boolean; parentValue: string }
interface FieldInfo { name: string; dataType: string; isPickList: boolean; picklistValues: Picklist[] | null; isRequired: boolean; isReadOnly: boolean }

let sim: Simulator;
let base: string;
let headers: Record<string, string>;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 300 });
  base = autotaskApiBase(sim);
  headers = autotaskHeaders(sim);
});
afterAll(() => sim.close());

const call = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method, headers: { ...headers, ...extra }, body: body === undefined ? undefined : JSON.stringify(body) });
async function json<T>(response: Response | Promise<Response>, status = 200): Promise<T> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.status, text).toBe(status);
  return JSON.parse(text) as T;
}
const errors = async (response: Response | Promise<Response>) => (await json<{ errors: string[] }>(response, 500)).errors;
const ticket = async (id: number) => (await json<{ item: Ticket }>(call('GET', `/Tickets/${id}`))).item;
const fields = async () => (await json<{ fields: FieldInfo[] }>(call('GET', '/Tickets/entityInformation/fields'))).fields;
const picklist = async (name: string) => (await fields()).find((field) => field.name === name)!.picklistValues!;
const value = async (name: string, label: string) => Number((await picklist(name)).find((entry) => entry.label === label)!.value);
const neutral = (id: number) => sim.data.ticketsById.get(id)!;
const openUnassigned = () => sim.data.tickets.filter((t) => t.ownerId === null && t.boardId === 1 && !sim.data.statuses.find((s) => s.id === t.statusId)!.closed);

describe('zone discovery', () => {
  it('answers zoneInformation without credentials, on any path case, with the zone URLs of this server', async () => {
    const user = autotaskCredentials(sim.data).apiUser.userName;
    for (const path of ['/ATServicesRest/V1.0/zoneInformation', '/atservicesrest/v1.0/ZoneInformation']) {
      const zone = await json<Record<string, unknown>>(fetch(`${sim.url}${path}?user=${encodeURIComponent(user.toUpperCase())}`));
      expect(zone).toEqual({ zoneName: 'America East 5', url: `${sim.url}/ATServicesRest/`, webUrl: `${sim.url}/`, ci: expect.any(Number) });
    }
    expect(await errors(fetch(`${sim.url}/ATServicesRest/V1.0/zoneInformation?user=nobody@example.com`))).toEqual([expect.stringMatching(/Zone information could not be determined/)]);
  });

  it('advertises the zone URLs it is given, whatever host the request came to', async () => {
    const zoned = await startSimulator({ tickets: 20, autotask: { apiBaseUrl: 'https://webservices5.autotask.net/ATServicesRest/', webBaseUrl: 'https://ww5.autotask.net/' } });
    try {
      const user = autotaskCredentials(zoned.data).techs[0]!.userName;
      const zone = await json<{ url: string; webUrl: string }>(fetch(`${zoned.url}/ATServicesRest/V1.0/zoneInformation?user=${user}`, { headers: { host: 'webservices.autotask.net' } }));
      expect(zone).toMatchObject({ url: 'https://webservices5.autotask.net/ATServicesRest/', webUrl: 'https://ww5.autotask.net/' });
      expect(zoned.autotask).toEqual({ apiBaseUrl: 'https://webservices5.autotask.net/ATServicesRest/', webBaseUrl: 'https://ww5.autotask.net/' });
      const page = await json<{ pageDetails: { nextPageUrl: string } }>(fetch(`${autotaskApiBase(zoned)}/Tickets/query`, {
        method: 'POST', headers: autotaskHeaders(zoned), body: JSON.stringify({ filter: [{ op: 'exist', field: 'id' }], MaxRecords: 5 }),
      }));
      expect(page.pageDetails.nextPageUrl).toMatch(/^https:\/\/webservices5\.autotask\.net\/ATServicesRest\/V1\.0\/Tickets\/query\/next\?paging=/);
    } finally {
      await zoned.close();
    }
  });
});

describe('auth: three headers, failures as HTTP 500 {errors}, a wrong secret 401', () => {
  const credentials = () => autotaskCredentials(sim.data);
  it.each<[string, () => Record<string, string>, number, RegExp]>([
    ['no headers', () => ({}), 500, /IntegrationCode is invalid/],
    ['a wrong integration code', () => ({ ...autotaskHeaders(sim), ApiIntegrationCode: 'NOPE' }), 500, /IntegrationCode is invalid/],
    ['no secret', () => { const { Secret: _secret, ...rest } = autotaskHeaders(sim); return rest; }, 500, /UserName and Secret are required/],
    ['an unknown user name', () => ({ ...autotaskHeaders(sim), UserName: 'nobody@pullboard-msp.example' }), 500, /user name or secret is not valid/],
    ['a wrong secret (401, as for a known user)', () => ({ ...autotaskHeaders(sim), Secret: 'wrong' }), 401, /user name or secret is not valid/],
    ['another tech\'s secret', () => ({ ...autotaskHeaders(sim), Secret: credentials().techs[1]!.secret }), 401, /user name or secret is not valid/],
    ['impersonating the API user', () => autotaskHeaders(sim, undefined, AUTOTASK_API_USER_RESOURCE_ID), 500, /ImpersonationResourceId 29682885 is not an active resource/],
    ['impersonating nobody', () => autotaskHeaders(sim, undefined, 4242), 500, /ImpersonationResourceId 4242/],
  ])('refuses %s', async (_name, make, status, message) => {
    const response = await fetch(`${base}/Tickets/${sim.data.tickets[0]!.id}`, { headers: make() });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { errors: string[] };
    expect(body.errors[0]).toMatch(message);
  });

  it('accepts the shared API user and each tech, header names and user name in any case', async () => {
    const creds = credentials();
    const lower = { apiintegrationcode: creds.integrationCode, username: creds.techs[3]!.userName.toUpperCase(), secret: creds.techs[3]!.secret };
    expect((await fetch(`${base}/Tickets/${sim.data.tickets[0]!.id}`, { headers: lower })).status).toBe(200);
    expect((await fetch(`${base}/Tickets/${sim.data.tickets[0]!.id}`, { headers: autotaskHeaders(sim, creds.techs[0]) })).status).toBe(200);
  });

  it('finds "me" by userName or email in Resources; the API user is a resource but not a tech', async () => {
    const creds = credentials();
    const byUser = await json<{ items: Record<string, unknown>[] }>(call('POST', '/Resources/query', { filter: [{ op: 'eq', field: 'userName', value: creds.techs[0]!.userName }] }));
    expect(byUser.items).toEqual([expect.objectContaining({ id: 151, firstName: 'Alex', lastName: 'Dunn', email: creds.techs[0]!.email, isActive: true, resourceType: 'Employee' })]);
    const byEmail = await json<{ items: { id: number }[] }>(call('POST', '/Resources/query', { filter: [{ op: 'eq', field: 'email', value: 'ALEX.DUNN@pullboard-msp.example' }] }));
    expect(byEmail.items.map((item) => item.id)).toEqual([151]);
    const api = await json<{ item: Record<string, unknown> }>(call('GET', `/Resources/${AUTOTASK_API_USER_RESOURCE_ID}`));
    // A shared API user's record reads like an employee's (no licenseType): only its missing service desk role tells.
    expect(api.item).toMatchObject({ userName: creds.apiUser.userName, resourceType: 'Employee' });
    expect(api.item).not.toHaveProperty('licenseType');
    const roles = await json<{ items: unknown[] }>(call('POST', '/ResourceServiceDeskRoles/query', { filter: [{ op: 'eq', field: 'resourceID', value: AUTOTASK_API_USER_RESOURCE_ID }] }));
    expect(roles.items).toEqual([]);
  });
});

describe('tickets and picklists', () => {
  const defaultSla = () => sim.data.slas.find((sla) => sla.isDefault)!.id;

  it('serves integer picklist values, ISO dates with milliseconds and Z, and null for empty fields', async () => {
    const open = openUnassigned().find((t) => t.slaId !== defaultSla())!;
    const item = await ticket(open.id);
    for (const name of ['queueID', 'status', 'priority', 'source', 'ticketType', 'companyID']) expect(Number.isInteger(item[name]), name).toBe(true);
    expect(item.ticketNumber).toMatch(/^T\d{8}\.\d{4}$/);
    expect(item.ticketNumber).toBe(`T${new Date(open.enteredAt).toISOString().slice(0, 10).replace(/-/g, '')}.${String(item.ticketNumber).slice(-4)}`);
    for (const name of ['createDate', 'lastActivityDate', 'dueDateTime', 'firstResponseDueDateTime', 'resolvedDueDateTime']) {
      expect(item[name], name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    expect(item).toMatchObject({ assignedResourceID: null, assignedResourceRoleID: null, completedDate: null, resolvedDateTime: null, userDefinedFields: [] });
    expect(item.lastActivityDate).toBe(new Date(autotaskLastActivity(open)).toISOString());
    expect(new Set(sim.data.tickets.slice(0, 50).map((t) => autotaskLastActivity(t) % 1000)).size).toBeGreaterThan(10);
  });

  it('serves tickets on the default SLA as live tenants do: every SLA field null, dueDateTime always set', async () => {
    const page = await json<{ items: Record<string, unknown>[] }>(call('POST', '/Tickets/query', { filter: [{ op: 'exist', field: 'id' }], MaxRecords: 500 }));
    const slaFields = ['serviceLevelAgreementID', 'serviceLevelAgreementHasBeenMet', 'firstResponseDueDateTime', 'resolutionPlanDueDateTime', 'resolvedDueDateTime'];
    let without = 0;
    for (const item of page.items) {
      const seeded = sim.data.ticketsById.get(item.id as number)!;
      expect(item.dueDateTime, `ticket ${seeded.id}`).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      if (seeded.slaId === defaultSla()) {
        without++;
        for (const name of slaFields) expect(item[name], `${name} of ticket ${seeded.id}`).toBeNull();
      } else {
        expect(item.serviceLevelAgreementID).toBe(seeded.slaId);
      }
    }
    expect(without).toBeGreaterThan(page.items.length / 2);
  });

  it('serves an SLA on every ticket with slaOnEveryTicket', async () => {
    const every = await startSimulator({ port: 0, tickets: 30, autotask: { slaOnEveryTicket: true } });
    try {
      const body = JSON.stringify({ filter: [{ op: 'notExist', field: 'serviceLevelAgreementID' }] });
      const response = await fetch(`${autotaskApiBase(every)}/Tickets/query/count`, { method: 'POST', headers: autotaskHeaders(every), body });
      expect(await response.json()).toEqual({ queryCount: 0 });
    } finally {
      await every.close();
    }
  });

  it('lists status, priority, queue, issue types with values as strings whose order is not the rank', async () => {
    const statuses = await picklist('status');
    expect(statuses.find((entry) => entry.label === 'Completed')?.value).toBe('5');
    const active = statuses.filter((entry) => entry.isActive);
    expect(active.map((entry) => entry.label)).not.toEqual([...active].sort((a, b) => a.sortOrder - b.sortOrder).map((entry) => entry.label));
    expect([...active].sort((a, b) => a.sortOrder - b.sortOrder).map((entry) => entry.label)).toEqual(['New', 'Triage', 'Ready', 'In Progress', 'Waiting on Client', 'Scheduled', 'Completed', 'Closed']);
    expect(statuses.some((entry) => !entry.isActive)).toBe(true);
    const priorities = await picklist('priority');
    const bySort = [...priorities].sort((a, b) => a.sortOrder - b.sortOrder);
    const byValue = [...priorities].sort((a, b) => Number(a.value) - Number(b.value));
    expect(bySort[0]).toMatchObject({ label: 'Priority 1 - Critical', value: '4' });
    expect(byValue[0]!.label).not.toBe('Priority 1 - Critical');
    const subIssueTypes = await picklist('subIssueType');
    const issueTypes = await picklist('issueType');
    expect(subIssueTypes.every((entry) => issueTypes.some((parent) => parent.value === entry.parentValue))).toBe(true);
    expect((await picklist('queueID')).filter((entry) => entry.isActive).map((entry) => entry.label)).toEqual(['Service Desk', 'Projects', 'Network Ops']);
    const all = await fields();
    expect(all.find((field) => field.name === 'lastActivityDate')).toMatchObject({ dataType: 'datetime', isReadOnly: true, isPickList: false, picklistValues: null });
    expect(all.filter((field) => field.isRequired).map((field) => field.name)).toEqual(expect.arrayContaining(['title', 'status', 'priority', 'companyID']));
  });

  it('marks closed tickets by their status (Completed or Closed) and completedDate', async () => {
    const complete = await value('status', 'Completed');
    const closed = sim.data.tickets.filter((t) => sim.data.statuses.find((s) => s.id === t.statusId)!.closed).slice(0, 5);
    for (const t of closed) {
      const item = await ticket(t.id);
      expect(item.completedDate).toMatch(/Z$/);
      expect([complete, await value('status', 'Closed')]).toContain(item.status);
    }
  });

  it('answers {item: null} for a ticket that does not exist', async () => {
    expect(await json(call('GET', '/Tickets/42'))).toEqual({ item: null });
  });
});

describe('PATCH /Tickets: sparse, with the role rule', () => {
  it('changes only what is sent, answers {itemId}, moves lastActivityDate and records the transition', async () => {
    const target = openUnassigned()[1]!;
    const before = await ticket(target.id);
    const inProgress = await value('status', 'In Progress');
    const transitions = sim.data.transitions.length;
    expect(await json(call('PATCH', '/Tickets', { id: target.id, status: inProgress }))).toEqual({ itemId: target.id });
    const after = await ticket(target.id);
    expect(after.status).toBe(inProgress);
    expect(after.title).toBe(before.title);
    expect(after.priority).toBe(before.priority);
    expect(Date.parse(after.lastActivityDate)).toBeGreaterThan(Date.parse(before.lastActivityDate));
    expect(sim.data.transitions.length).toBe(transitions + 1);
    expect(sim.data.transitions.at(-1)).toMatchObject({ ticketId: target.id, by: autotaskCredentials(sim.data).apiUser.userName });
  });

  it('refuses an assigned resource without a role, or with a role that is not theirs', async () => {
    const target = openUnassigned()[2]!;
    expect(await errors(call('PATCH', '/Tickets', { id: target.id, assignedResourceID: 151 })))
      .toEqual(['assignedResourceRoleID is required when assignedResourceID is set: an assigned resource needs a role.']);
    expect((await errors(call('PATCH', '/Tickets', { id: target.id, assignedResourceID: 151, assignedResourceRoleID: 29683464 })))[0])
      .toMatch(/29683464 is not a service desk role of resource 151/);
    expect((await errors(call('PATCH', '/Tickets', { id: target.id, assignedResourceID: AUTOTASK_API_USER_RESOURCE_ID, assignedResourceRoleID: 29683461 })))[0])
      .toMatch(/not an active resource who can be assigned/);
    expect(neutral(target.id).ownerId).toBeNull();
  });

  it('assigns with the role a tech\'s ResourceServiceDeskRoles give, acting as the impersonated tech', async () => {
    const target = openUnassigned()[3]!;
    const roles = await json<{ items: { roleID: number; isDefault: boolean }[] }>(call('POST', '/ResourceServiceDeskRoles/query', {
      filter: [{ op: 'eq', field: 'resourceID', value: 151 }, { op: 'eq', field: 'isDefault', value: true }],
    }));
    const role = roles.items[0]!.roleID;
    expect(role).toBeGreaterThan(29_000_000);
    await json(call('PATCH', '/Tickets', { id: target.id, assignedResourceID: 151, assignedResourceRoleID: role, status: await value('status', 'In Progress') }, { ImpersonationResourceId: '151' }));
    expect(await ticket(target.id)).toMatchObject({ assignedResourceID: 151, assignedResourceRoleID: role, lastActivityResourceID: 151 });
    expect(sim.data.transitions.at(-1)).toMatchObject({ ticketId: target.id, by: 'adunn' });
    await json(call('PATCH', '/Tickets', { id: target.id, assignedResourceID: null }));
    expect(await ticket(target.id)).toMatchObject({ assignedResourceID: null, assignedResourceRoleID: null });
  });

  it('lets a senior change role among their own, and refuses a role without a resource', async () => {
    const dana = sim.data.members.find((member) => member.identifier === 'dokafor')!;
    const danaRoles = await json<{ items: { roleID: number }[] }>(call('POST', '/ResourceServiceDeskRoles/query', { filter: [{ op: 'eq', field: 'resourceID', value: dana.id }] }));
    expect(danaRoles.items.length).toBe(2);
    const target = openUnassigned()[4]!;
    await json(call('PATCH', '/Tickets', { id: target.id, assignedResourceID: dana.id, assignedResourceRoleID: danaRoles.items[0]!.roleID }));
    await json(call('PATCH', '/Tickets', { id: target.id, assignedResourceRoleID: danaRoles.items[1]!.roleID }));
    expect((await ticket(target.id)).assignedResourceRoleID).toBe(danaRoles.items[1]!.roleID);
    const other = openUnassigned()[5]!;
    expect((await errors(call('PATCH', '/Tickets', { id: other.id, assignedResourceRoleID: 29683461 })))[0]).toMatch(/needs an assigned resource/);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown ticket', { id: 42, status: 1 }, /Ticket 42 does not exist/],
    ['no id', { status: 1 }, /id is required/],
    ['an unknown field', { id: 10001, statusName: 'New' }, /Unable to find field 'statusName' in the Ticket entity/],
    ['an unknown status value', { id: 10001, status: 99 }, /status 99 is not a value of the status picklist/],
    ['an inactive status', { id: 10001, status: 9 }, /inactive status/],
    ['an inactive queue', { id: 10001, queueID: 29683340 }, /inactive queue/],
    ['a sub-issue type of another issue type', { id: 10001, issueType: 40, subIssueType: 203 }, /not a sub-issue type of issueType 40/],
    ['a contact of another company', { id: 10001, contactID: 99999 }, /not a contact of the ticket's company/],
    ['an empty title', { id: 10001, title: '' }, /title is required/],
  ])('refuses %s', async (_name, body, message) => {
    const before = neutral(10001).updatedAt;
    expect((await errors(call('PATCH', '/Tickets', body)))[0]).toMatch(message);
    expect(neutral(10001).updatedAt).toBe(before);
  });

  it('ignores read-only fields sent back from a GET', async () => {
    const target = openUnassigned()[6]!;
    const item = await ticket(target.id);
    await json(call('PATCH', '/Tickets', { id: target.id, ticketNumber: 'T1.1', createDate: '2000-01-01T00:00:00.000Z', priority: await value('priority', 'Priority 2 - High') }));
    expect(await ticket(target.id)).toMatchObject({ ticketNumber: item.ticketNumber, createDate: item.createDate, priority: await value('priority', 'Priority 2 - High') });
  });

  it('moves a ticket between queues keeping its status, dropping an issue type the new queue does not use', async () => {
    const target = openUnassigned().find((t) => t.typeId !== null)!;
    const item = await ticket(target.id);
    const network = await value('queueID', 'Network Ops');
    await json(call('PATCH', '/Tickets', { id: target.id, queueID: network }));
    expect(await ticket(target.id)).toMatchObject({ queueID: network, status: item.status, issueType: null, subIssueType: null });
    expect(neutral(target.id).boardId).toBe(3);
  });
});

describe('PUT /Tickets replaces the whole ticket', () => {
  it('nulls every field left out: a PUT of a few fields loses the assignee, contact and issue type', async () => {
    const target = sim.data.tickets.find((t) => t.ownerId !== null && t.contactId !== null && t.typeId !== null && !sim.data.statuses.find((s) => s.id === t.statusId)!.closed)!;
    const item = await ticket(target.id);
    const { id, title, status, priority, companyID, queueID, dueDateTime } = item;
    await json(call('PUT', '/Tickets', { id, title, status, priority, companyID, queueID, dueDateTime }));
    expect(await ticket(target.id)).toMatchObject({ assignedResourceID: null, assignedResourceRoleID: null, contactID: null, issueType: null, description: null, estimatedHours: null });
    expect(neutral(target.id).ownerId).toBeNull();
  });

  it('refuses a PUT without the required fields, naming each', async () => {
    const messages = await errors(call('PUT', '/Tickets', { id: sim.data.tickets[10]!.id, status: 1 }));
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^title is required/), expect.stringMatching(/^priority is required/), expect.stringMatching(/^dueDateTime is required/)]));
  });
});

describe('time entries', () => {
  it('logs time with ticketID, resourceID and roleID; the ticket and TimeEntries/query show it', async () => {
    const target = openUnassigned()[7]!;
    const hoursBefore = neutral(target.id).actualHours;
    const created = await json<{ itemId: number }>(call('POST', '/TimeEntries', {
      ticketID: target.id, resourceID: 151, roleID: 29683461, dateWorked: '2026-11-25T00:00:00.000Z',
      startDateTime: '2026-11-25T09:00:00.000Z', endDateTime: '2026-11-25T09:45:00.000Z', summaryNotes: 'Replaced the toner.',
    }));
    expect(neutral(target.id).actualHours).toBeCloseTo(hoursBefore + 0.75);
    const found = await json<{ items: Record<string, unknown>[] }>(call('POST', '/TimeEntries/query', { filter: [{ op: 'eq', field: 'ticketID', value: target.id }] }));
    expect(found.items.find((item) => item.id === created.itemId)).toMatchObject({ resourceID: 151, roleID: 29683461, hoursWorked: 0.75, summaryNotes: 'Replaced the toner.' });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no role', { resourceID: 151, hoursWorked: 1 }, /roleID is required/],
    ['a role that is not the resource\'s', { resourceID: 151, roleID: 29683464, hoursWorked: 1 }, /not a role of resource 151/],
    ['the API user as resource', { resourceID: AUTOTASK_API_USER_RESOURCE_ID, roleID: 29683461, hoursWorked: 1 }, /not an active resource who can log time/],
    ['no hours', { resourceID: 151, roleID: 29683461 }, /hoursWorked is required/],
    ['no notes', { resourceID: 151, roleID: 29683461, hoursWorked: 1, summaryNotes: '' }, /summaryNotes is required/],
  ])('refuses %s', async (_name, fields, message) => {
    const body = { ticketID: sim.data.tickets[0]!.id, dateWorked: '2026-11-25T00:00:00Z', summaryNotes: 'Worked.', ...fields };
    const entries = sim.data.timeEntries.length;
    expect((await errors(call('POST', '/TimeEntries', body)))[0]).toMatch(message);
    expect(sim.data.timeEntries.length).toBe(entries);
  });
});

describe('companies, contacts, entity information', () => {
  it('answers minimal companies and contacts (contacts\' isActive is 1, not true)', async () => {
    const companies = await json<{ items: Record<string, unknown>[] }>(call('POST', '/Companies/query', { filter: [{ op: 'beginsWith', field: 'companyName', value: 'acme' }] }));
    expect(companies.items).toEqual([expect.objectContaining({ id: 250, companyName: 'Acme Dental', isActive: true })]);
    const contacts = await json<{ items: Record<string, unknown>[] }>(call('POST', '/Contacts/query', { filter: [{ op: 'eq', field: 'companyID', value: 250 }] }));
    expect(contacts.items.length).toBeGreaterThan(0);
    expect(contacts.items[0]).toMatchObject({ companyID: 250, isActive: 1 });
    expect(await json(call('GET', '/Tickets/entityInformation'))).toMatchObject({ info: { name: 'Ticket', canQuery: true, canUpdate: true } });
  });

  it('answers unknown routes 404 and wrong methods 405, in the errors shape', async () => {
    expect((await json<{ errors: string[] }>(call('GET', '/Widgets/query'), 404)).errors[0]).toMatch(/No such resource/);
    expect((await json<{ errors: string[] }>(call('DELETE', '/Tickets'), 405)).errors[0]).toMatch(/does not support http method 'DELETE'/);
  });
});

describe('request threshold: latency, never 429', () => {
  it('counts a rolling hour, reports it in ThresholdInformation, and slows requests past the budget', async () => {
    let now = Date.parse('2026-11-25T12:00:00Z');
    const slow = await startSimulator({ tickets: 20, now: () => now, autotask: { hourlyBudget: 4, throttleDelayMs: 100 } });
    try {
      const get = () => fetch(`${autotaskApiBase(slow)}/ThresholdInformation`, { headers: autotaskHeaders(slow) });
      const timings: number[] = [];
      let last: Record<string, unknown> = {};
      for (let i = 0; i < 6; i++) {
        const started = performance.now();
        const response = await get();
        timings.push(performance.now() - started);
        expect(response.status).toBe(200);
        last = (await response.json()) as Record<string, unknown>;
      }
      expect(last).toEqual({ externalRequestThreshold: 4, requestThresholdTimeframe: 60, currentTimeframeRequestCount: 6 });
      expect(Math.max(...timings.slice(0, 4))).toBeLessThan(80);
      expect(timings[4]).toBeGreaterThanOrEqual(115);
      expect(timings[5]).toBeGreaterThanOrEqual(140);
      now += 3_600_001;
      const started = performance.now();
      expect(await (await get()).json()).toMatchObject({ currentTimeframeRequestCount: 1 });
      expect(performance.now() - started).toBeLessThan(80);
      slow.faults.autotaskHourlyBudget = 10_000;
      expect((await (await get()).json()) as Record<string, unknown>).toMatchObject({ externalRequestThreshold: 10_000 });
    } finally {
      await slow.close();
    }
  });

  it('answers the shared 429 fault as a refusal in its own shape: HTTP 500, no Retry-After', async () => {
    sim.faults.fail429 = { remaining: 1, retryAfterSeconds: 5 };
    const response = await call('GET', `/Tickets/${sim.data.tickets[0]!.id}`);
    expect(response.status).toBe(500);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(((await response.json()) as { errors: string[] }).errors[0]).toMatch(/request threshold/);
    expect((await call('GET', `/Tickets/${sim.data.tickets[0]!.id}`)).status).toBe(200);
  });
});

describe('faults', () => {
  it('answers 500 {errors}, then recovers; zoneInformation is never faulted', async () => {
    sim.faults.fail500.remaining = 1;
    const user = autotaskCredentials(sim.data).apiUser.userName;
    expect((await fetch(`${base}/zoneInformation?user=${user}`)).status).toBe(200);
    expect(sim.faults.fail500.remaining).toBe(1);
    expect((await errors(call('GET', '/ThresholdInformation')))[0]).toMatch(/unexpected error/);
    expect((await call('GET', '/ThresholdInformation')).status).toBe(200);
  });

  it('does the write, then sends truncated JSON or drops the connection', async () => {
    const [first, second] = openUnassigned().slice(8, 10);
    sim.faults.malformed.remaining = 1;
    const broken = await call('PATCH', '/Tickets', { id: first!.id, title: 'Saved despite the broken answer' });
    expect(broken.status).toBe(200);
    await expect(broken.json()).rejects.toThrow();
    expect(neutral(first!.id).summary).toBe('Saved despite the broken answer');
    sim.faults.dropResponse.remaining = 1;
    await expect(call('PATCH', '/Tickets', { id: second!.id, title: 'Saved, answer lost' }).then((r) => r.json())).rejects.toThrow();
    expect(neutral(second!.id).summary).toBe('Saved, answer lost');
  });

  it('counts Autotask routes in stats by their canonical name', async () => {
    sim.resetStats();
    await call('POST', '/tickets/QUERY', { filter: [{ op: 'eq', field: 'id', value: 10001 }] });
    await call('GET', '/Tickets/10001');
    expect(Object.keys(sim.stats().byRoute).sort()).toEqual(['GET /V1.0/Tickets/{id}', 'POST /V1.0/Tickets/query']);
  });
});

describe('Autotask pages', () => {
  const page = (path: string) => fetch(`${sim.url}${path}`);
  it('shows a ticket at TicketDetail.mvc and behind ExecuteCommand (by id or number), HTML-escaped', async () => {
    const xss = sim.data.tickets.find((t) => t.summary === XSS_SUMMARY)!;
    const number = (await ticket(xss.id)).ticketNumber as string;
    for (const path of [
      `/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=${xss.id}`,
      `/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=${xss.id}`,
      `/autotask/autotaskextend/executecommand.aspx?Code=OpenTicketDetail&TicketNumber=${number}`,
    ]) {
      const response = await page(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html).toContain(`data-ticket-id="${xss.id}"`);
      expect(html).toContain(number);
      expect(html).toContain('&lt;img src=x onerror=window.__pwned=1&gt;');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('class="at-navbar"');
    }
  });

  it('lists a queue\'s open tickets with links to their detail pages and pop-ups by number, and 404s a missing ticket', async () => {
    const html = await (await page('/Mvc/ServiceDesk/TicketGrid.mvc?queueId=29683354')).text();
    const open = openUnassigned()[0]!;
    const number = (await ticket(open.id)).ticketNumber as string;
    expect(html).toContain(`href="/Mvc/ServiceDesk/TicketDetail.mvc?workspace=False&ids%5B0%5D=${open.id}&ticketId=${open.id}"`);
    expect(html).toContain(`data-at-popup href="/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketNumber=${number}"`);
    expect((await page('/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=42')).status).toBe(404);
    expect((await page('/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTaskDetail&TaskID=1')).status).toBe(404);
  });
});
