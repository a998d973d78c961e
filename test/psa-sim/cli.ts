/**
 * Runs the PSA simulator until Ctrl-C and prints how to connect to it: every dialect, or the one `--psa` names.
 *
 *   npm run sim -- --port 8787 [--days 28 | --tickets 3000] --seed 1 [--latency 100] [--psa connectwise|autotask|halo|all]
 *                  [--https --hostnames na.myconnectwise.net,api-na.myconnectwise.net] [--host 127.0.0.1] [--limited-user]
 */
import { parseArgs } from 'node:util';
import { LIMITED_DEMO_CREDENTIALS } from './access';
import { autotaskCredentials } from './autotask-credentials';
import { selfSignedCert } from './cert';
import { haloCredentials } from './halo-credentials';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials } from './seed';
import { startSimulator, type Simulator } from './server';

const DIALECTS = ['connectwise', 'autotask', 'halo'] as const;
type DialectName = (typeof DIALECTS)[number];
const TITLES: Record<DialectName, string> = { connectwise: 'ConnectWise', autotask: 'Autotask', halo: 'HaloPSA' };

function connectWiseLines(sim: Simulator): string[] {
  const credentials = memberCredentials(sim.data);
  return [
    `  web app:     ${sim.url}/${sim.codebase}ConnectWise.aspx`,
    `  API base:    ${sim.url}/${sim.codebase}apis/3.0   (discover it: GET ${sim.url}/login/companyinfo/${DEMO_COMPANY_ID})`,
    `  company id:  ${DEMO_COMPANY_ID}`,
    `  client id:   ${DEMO_CLIENT_ID}`,
    '',
    '  API keys (public / private):',
    ...credentials.slice(0, 4).map((member, index) =>
      `    ${index === 0 ? 'demo tech ' : '          '}${member.identifier.padEnd(11)} ${member.name.padEnd(16)} ${member.publicKey} / ${member.privateKey}`),
    `    (all ${credentials.length} techs: GET ${sim.url}/__sim/credentials)`,
  ];
}

function autotaskLines(sim: Simulator): string[] {
  const credentials = autotaskCredentials(sim.data);
  const demo = credentials.techs[0];
  return [
    `  zone:        GET ${sim.url}/ATServicesRest/V1.0/zoneInformation?user={UserName}`,
    `  API base:    ${sim.autotask.apiBaseUrl}V1.0   (headers ApiIntegrationCode, UserName, Secret)`,
    `  web app:     ${sim.autotask.webBaseUrl}Mvc/ServiceDesk/TicketGrid.mvc`,
    `  integration code: ${credentials.integrationCode}`,
    `  API user:    UserName ${credentials.apiUser.userName}  Secret ${credentials.apiUser.secret}  (resource ${credentials.apiUser.resourceId}, not a tech)`,
    ...(demo ? [`  demo tech:   UserName ${demo.userName}  Secret ${demo.secret}  (resource ${demo.resourceId}, ${demo.name})`] : []),
    `    (every tech: GET ${sim.url}/__sim/credentials/autotask)`,
  ];
}

function haloLines(sim: Simulator): string[] {
  const credentials = haloCredentials(sim.data, sim.halo.tenant);
  const demo = credentials.techs[0];
  return [
    `  tenant:      ${credentials.tenant}`,
    `  auth server: ${sim.halo.authUrl}   (POST ${sim.halo.authUrl}/token, grant_type=client_credentials, scope=all)`,
    `  API base:    ${sim.halo.url}/api`,
    `  web app:     ${sim.halo.url}/tickets   (portal: ${sim.halo.url}/portal/ticket?id=N)`,
    `  application: client_id ${credentials.application.clientId}  client_secret ${credentials.application.clientSecret}  (API agent ${credentials.application.agentId}, not a tech)`,
    ...(demo ? [`  demo tech:   client_id ${demo.clientId}  client_secret ${demo.clientSecret}  (agent ${demo.agentId}, ${demo.name})`] : []),
    `    (every tech: GET ${sim.url}/__sim/credentials/halo)`,
  ];
}

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
      tickets: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string', default: '1' },
      latency: { type: 'string' },
      https: { type: 'boolean', default: false },
      hostnames: { type: 'string', default: 'localhost,127.0.0.1' },
      psa: { type: 'string', default: 'all' },
      'limited-user': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('npm run sim -- [--port 8787] [--days 28 | --tickets 3000] [--seed 1] [--latency ms] [--psa connectwise|autotask|halo|all] [--https --hostnames a,b] [--host 127.0.0.1] [--limited-user]');
    return;
  }
  const psa = (values.psa ?? 'all').toLowerCase();
  if (psa !== 'all' && !(DIALECTS as readonly string[]).includes(psa)) throw new Error(`--psa must be connectwise, autotask, halo or all, not '${values.psa}'`);
  const shown: DialectName[] = psa === 'all' ? [...DIALECTS] : [psa as DialectName];
  const hostnames = (values.hostnames ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  const sim = await startSimulator({
    port: integer(values.port, 'port', 8787),
    host: values.host,
    // Without --tickets, the default desk: a few weeks of a believable MSP's history.
    ...(values.tickets === undefined ? { days: integer(values.days, 'days', 28) } : { tickets: integer(values.tickets, 'tickets', 3000) }),
    seed: integer(values.seed, 'seed', 1),
    latencyMs: integer(values.latency, 'latency', 0),
    tls: values.https ? selfSignedCert(hostnames) : undefined,
    access: values['limited-user'] ? LIMITED_DEMO_CREDENTIALS : undefined,
  });
  const sections: Record<DialectName, (simulator: Simulator) => string[]> = { connectwise: connectWiseLines, autotask: autotaskLines, halo: haloLines };
  const lines = [
    `PSA simulator (${shown.map((name) => TITLES[name]).join(', ')}) listening on ${sim.url}`,
    ...(values.https ? [`  HTTPS, self-signed for: ${hostnames.join(', ')}`] : []),
    ...(values['limited-user'] ? ['  limited credentials: the ConnectWise demo tech cannot read companies, the Autotask API user cannot read Contacts or Resources, the Halo application cannot read teams or clients'] : []),
    `  tickets:     ${sim.data.tickets.length}, ${sim.data.tickets.filter((t) => sim.data.statuses.find((s) => s.id === t.statusId)?.closed === false).length} open (seed ${sim.data.seed}${values.tickets === undefined ? `, ${values.days ?? 28} days of history` : ''})`,
    ...shown.flatMap((name) => ['', `${TITLES[name]}:`, ...sections[name](sim)]),
    '',
    `  admin: GET /__sim/state, POST /__sim/faults, POST /__sim/move-codebase, POST /__sim/expire-tokens, GET /__sim/stats`,
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
