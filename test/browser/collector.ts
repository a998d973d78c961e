/**
 * A server on another origin that records everything sent to it: where a hijacked PSA redirects a client, to
 * see what the client would hand over (headers, bodies, query strings). HTTPS with a certificate of its own;
 * it answers every request 200 `{}` and lets any preflight through, as an attacker's server would.
 */
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCert } from '../psa-sim/cert';

export interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Collector {
  /** `https://host` as the browser reaches it (the host is mapped to this server's port). */
  origin: string;
  port: number;
  received: Received[];
  /** Every secret value found anywhere in what arrived (URL, header names and values, body). */
  leaked(secrets: string[]): string[];
  close(): Promise<void>;
}

export async function startCollector(host: string): Promise<Collector> {
  const received: Received[] = [];
  const tls = selfSignedCert([host]);
  const server = createServer({ cert: tls.cert, key: tls.key }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? 'GET', url: request.url ?? '/', headers: { ...request.headers }, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, {
        'content-type': 'application/json',
        'access-control-allow-origin': String(request.headers.origin ?? '*'),
        'access-control-allow-headers': String(request.headers['access-control-request-headers'] ?? '*'),
        'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
        'access-control-allow-credentials': 'true',
      });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `https://${host}`,
    port,
    received,
    leaked(secrets) {
      const text = JSON.stringify(received).toLowerCase();
      return secrets.filter((secret) => secret && text.includes(secret.toLowerCase()));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
