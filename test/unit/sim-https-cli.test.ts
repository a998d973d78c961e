import { spawn } from 'node:child_process';
import { request } from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selfSignedCert } from '../psa-sim/cert';
import { startSimulator } from '../psa-sim/server';

function httpsGet(url: string, ca: string, servername?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, servername }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS', () => {
  it('makes a certificate for the host names, caches it, and serves HTTPS a client can verify', async () => {
    const hostnames = ['localhost', '127.0.0.1', 'api-na.myconnectwise.net'];
    const cert = selfSignedCert(hostnames);
    expect(cert.cert).toContain('BEGIN CERTIFICATE');
    expect(cert.key).toContain('PRIVATE KEY');
    const started = performance.now();
    expect(selfSignedCert([...hostnames].reverse())).toEqual(cert);
    expect(performance.now() - started).toBeLessThan(200);

    const sim = await startSimulator({ tickets: 20, tls: cert });
    try {
      expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const direct = await httpsGet(`${sim.url}/login/companyinfo/pullboard`, cert.cert);
      expect(direct.status).toBe(200);
      expect(JSON.parse(direct.body)).toMatchObject({ CompanyID: 'pullboard' });
      const underApiHost = await httpsGet(`${sim.url}/login/companyinfo/pullboard`, cert.cert, 'api-na.myconnectwise.net');
      expect(underApiHost.status).toBe(200);
      await expect(httpsGet(`${sim.url}/login/companyinfo/pullboard`, cert.cert, 'eu.myconnectwise.net')).rejects.toThrow();
    } finally {
      await sim.close();
    }
  }, 20_000);
});

describe('CLI', () => {
  it('starts, prints the URL, company, client id and the demo keys, and stops on SIGTERM', async () => {
    const cli = spawn(process.execPath, [join('node_modules', 'tsx', 'dist', 'cli.mjs'), join('test', 'psa-sim', 'cli.ts'), '--port', '0', '--tickets', '50', '--seed', '3'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no banner in time: ${text}`)), 15_000);
        cli.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('Ctrl-C')) {
            clearTimeout(timer);
            resolve(text);
          }
        });
        cli.on('exit', (code) => reject(new Error(`exited with ${code}: ${text}`)));
      });
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      expect(url).toBeDefined();
      expect(output).toContain('company id:  pullboard');
      expect(output).toMatch(/client id: {3}[0-9a-f-]{36}/);
      expect(output).toMatch(/demo tech adunn\s+Alex Dunn\s+[A-Za-z0-9]{16} \/ [A-Za-z0-9]{16}/);
      expect(output.match(/[A-Za-z0-9]{16} \/ [A-Za-z0-9]{16}/g)).toHaveLength(4);
      const state = (await (await fetch(`${url}/__sim/state`)).json()) as { tickets: number; seed: number };
      expect(state).toMatchObject({ tickets: 50, seed: 3 });
    } finally {
      const exited = new Promise((resolve) => cli.once('exit', resolve));
      cli.kill('SIGTERM');
      await exited;
    }
  }, 30_000);

  it('gives the printed credentials partial rights with --limited-user', async () => {
    const cli = spawn(process.execPath, [join('node_modules', 'tsx', 'dist', 'cli.mjs'), join('test', 'psa-sim', 'cli.ts'), '--port', '0', '--tickets', '20', '--limited-user'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no banner in time: ${text}`)), 15_000);
        cli.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('Ctrl-C')) {
            clearTimeout(timer);
            resolve(text);
          }
        });
        cli.on('exit', (code) => reject(new Error(`exited with ${code}: ${text}`)));
      });
      expect(output).toContain('limited credentials:');
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      const state = (await (await fetch(`${url}/__sim/state`)).json()) as { access: unknown };
      expect(state.access).toEqual({ connectwiseMembers: ['adunn'], autotaskUsers: ['api'], haloApplications: ['api'] });
    } finally {
      const exited = new Promise((resolve) => cli.once('exit', resolve));
      cli.kill('SIGTERM');
      await exited;
    }
  }, 30_000);
});
