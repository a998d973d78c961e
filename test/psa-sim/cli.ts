/**
 * Runs the PSA simulator until Ctrl-C and prints how to connect to it.
 *
 *   npm run sim -- --port 8787 --tickets 3000 --seed 1 [--latency 100]
 *                  [--https --hostnames na.myconnectwise.net,api-na.myconnectwise.net] [--host 127.0.0.1]
 */
import { parseArgs } from 'node:util';
import { selfSignedCert } from './cert';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials } from './seed';
import { startSimulator } from './server';

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number, not '${value}'`);
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      tickets: { type: 'string', default: '3000' },
      seed: { type: 'string', default: '1' },
      latency: { type: 'string' },
      https: { type: 'boolean', default: false },
      hostnames: { type: 'string', default: 'localhost,127.0.0.1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('npm run sim -- [--port 8787] [--tickets 3000] [--seed 1] [--latency ms] [--https --hostnames a,b] [--host 127.0.0.1]');
    return;
  }
  const hostnames = (values.hostnames ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  const sim = await startSimulator({
    port: integer(values.port, 'port', 8787),
    host: values.host,
    tickets: integer(values.tickets, 'tickets', 3000),
    seed: integer(values.seed, 'seed', 1),
    latencyMs: integer(values.latency, 'latency', 0),
    tls: values.https ? selfSignedCert(hostnames) : undefined,
  });
  const credentials = memberCredentials(sim.data);
  const lines = [
    `PSA simulator (ConnectWise) listening on ${sim.url}`,
    ...(values.https ? [`  HTTPS, self-signed for: ${hostnames.join(', ')}`] : []),
    `  web app:     ${sim.url}/${sim.codebase}ConnectWise.aspx`,
    `  API base:    ${sim.url}/${sim.codebase}apis/3.0   (discover it: GET ${sim.url}/login/companyinfo/${DEMO_COMPANY_ID})`,
    `  company id:  ${DEMO_COMPANY_ID}`,
    `  client id:   ${DEMO_CLIENT_ID}`,
    `  tickets:     ${sim.data.tickets.length} (seed ${sim.data.seed})`,
    '',
    '  API keys (public / private):',
    ...credentials.slice(0, 4).map((member, index) =>
      `    ${index === 0 ? 'demo tech ' : '          '}${member.identifier.padEnd(11)} ${member.name.padEnd(16)} ${member.publicKey} / ${member.privateKey}`),
    `    (all ${credentials.length} techs: GET ${sim.url}/__sim/credentials)`,
    '',
    `  admin: GET /__sim/state, POST /__sim/faults, POST /__sim/move-codebase, GET /__sim/stats`,
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));
  const stop = () => {
    sim.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`The simulator could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
