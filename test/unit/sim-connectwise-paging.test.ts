import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../psa-sim/server';
import { connectWiseApiBase, connectWiseHeaders } from '../psa-sim/testing';

let sim: Simulator;
let base: string;
let headers: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tickets: 2500 });
  base = connectWiseApiBase(sim);
  headers = connectWiseHeaders(sim);
});
afterAll(() => sim.close());

/** Parses `<url>; rel="next", <url>; rel="last"` into {next: url, last: url}. */
function links(response: Response): Record<string, string> {
  const header = response.headers.get('link');
  if (!header) return {};
  return Object.fromEntries(header.split(/,\s*(?=<)/).map((part) => {
    const match = /^<([^>]+)>;\s*rel="([^"]+)"$/.exec(part.trim());
    if (!match) throw new Error(`malformed Link part: ${part}`);
    return [match[2], match[1]];
  }));
}

async function ids(response: Response): Promise<number[]> {
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: number }[]).map((ticket) => ticket.id);
}

describe('page / pageSize paging', () => {
  it('caps pageSize at 1000 and links the next and last pages', async () => {
    const response = await fetch(`${base}/service/tickets?pageSize=5000`, { headers });
    expect(await ids(response)).toHaveLength(1000);
    const rel = links(response);
    expect(rel.next).toBe(`${base}/service/tickets?page=2&pageSize=1000`);
    expect(rel.last).toBe(`${base}/service/tickets?page=3&pageSize=1000`);
    expect(rel.prev).toBeUndefined();
  });

  it('has no next link on the last page', async () => {
    const response = await fetch(`${base}/service/tickets?pageSize=1000&page=3`, { headers });
    expect(await ids(response)).toHaveLength(500);
    const rel = links(response);
    expect(rel.next).toBeUndefined();
    expect(rel.prev).toContain('page=2');
    expect(rel.first).toContain('page=1');
    expect(rel.last).toContain('page=3');
  });

  it('answers an empty array past the last page', async () => {
    const response = await fetch(`${base}/service/tickets?pageSize=1000&page=4`, { headers });
    expect(await ids(response)).toEqual([]);
  });

  it('following next links yields every matching ticket once, and keeps the conditions', async () => {
    const conditions = encodeURIComponent('closedFlag = false');
    let url: string | undefined = `${base}/service/tickets?conditions=${conditions}&pageSize=300&fields=id`;
    const seen: number[] = [];
    let pages = 0;
    while (url) {
      const response: Response = await fetch(url, { headers });
      seen.push(...(await ids(response)));
      url = links(response).next;
      if (url) expect(new URL(url).searchParams.get('conditions')).toBe('closedFlag = false');
      pages++;
    }
    const { count } = (await (await fetch(`${base}/service/tickets/count?conditions=${conditions}`, { headers })).json()) as { count: number };
    expect(seen).toHaveLength(count);
    expect(new Set(seen).size).toBe(count);
    expect(pages).toBe(Math.ceil(count / 300));
  });

  it('sends no Link header when everything fits on one page', async () => {
    const response = await fetch(`${base}/service/boards`, { headers });
    expect(response.headers.get('link')).toBeNull();
  });
});

describe('forward-only paging', () => {
  const forwardOnly = { 'pagination-type': 'forward-only' };

  it('pages by pageId in id order until there is no next link', async () => {
    let url: string | undefined = `${base}/service/tickets?pageSize=1000&fields=id`;
    const seen: number[] = [];
    const nextLinks: string[] = [];
    while (url) {
      const response: Response = await fetch(url, { headers: { ...headers, ...forwardOnly } });
      seen.push(...(await ids(response)));
      url = links(response).next;
      if (url) nextLinks.push(url);
    }
    expect(seen).toHaveLength(2500);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(nextLinks).toHaveLength(2);
    expect(new URL(nextLinks[0]!).searchParams.get('pageId')).toBe(String(seen[999]));
    expect(new URL(nextLinks[0]!).searchParams.get('page')).toBeNull();
  });

  it('applies conditions and starts after pageId', async () => {
    const conditions = encodeURIComponent('board/id = 3');
    const first = await fetch(`${base}/service/tickets?conditions=${conditions}&pageSize=10`, { headers: { ...headers, ...forwardOnly } });
    const firstIds = await ids(first);
    const next = links(first).next!;
    expect(next).toContain(`pageId=${firstIds[9]}`);
    const second = await ids(await fetch(next, { headers: { ...headers, ...forwardOnly } }));
    expect(second[0]).toBeGreaterThan(firstIds[9]!);
    const expected = sim.data.tickets.filter((t) => t.boardId === 3).map((t) => t.id);
    expect([...firstIds, ...second]).toEqual(expected.slice(0, 20));
  });

  it('refuses an order other than by id', async () => {
    const response = await fetch(`${base}/service/tickets?orderBy=summary asc`, { headers: { ...headers, ...forwardOnly } });
    expect(response.status).toBe(400);
    expect((await fetch(`${base}/service/tickets?orderBy=id asc`, { headers: { ...headers, ...forwardOnly } })).status).toBe(200);
  });
});
