/** The fields of each PSA's connection form, as the user reads them. */
import type { PsaKind } from '../../utils/psa/model';
import type { Field } from '../../utils/ui/connection-model';

export interface FieldSpec {
  field: Field;
  label: string;
  hint: string;
  type?: 'password' | 'url' | 'text' | 'email';
  placeholder?: string;
}

export const FIELDS: Record<PsaKind, FieldSpec[]> = {
  connectwise: [
    { field: 'siteUrl', label: 'Site URL', type: 'url', placeholder: 'https://na.myconnectwise.net', hint: 'The address you open ConnectWise PSA at (cloud or on-premise).' },
    { field: 'companyId', label: 'Company ID', placeholder: 'yourcompany', hint: 'The company you type on the ConnectWise login screen.' },
    { field: 'publicKey', label: 'Public key', hint: "From My Account → API Keys in ConnectWise: your own member's key pair." },
    { field: 'privateKey', label: 'Private key', type: 'password', hint: "Shown once when the key pair is created. Stays in the extension's background, never in a web page." },
    { field: 'clientId', label: 'Client ID', placeholder: '00000000-0000-0000-0000-000000000000', hint: "Your integration's client ID from the ConnectWise developer portal." },
  ],
  autotask: [
    { field: 'userName', label: 'API username', placeholder: 'you@yourcompany.com', hint: 'The username of the API user (Admin › Resources/Users, security level "API User"), or of your own resource if it has API access. Pullboard finds your zone from it.' },
    { field: 'secret', label: 'Secret', type: 'password', hint: "The API user's password (secret). Stays in the extension's background, never in a web page." },
    { field: 'integrationCode', label: 'Integration code', type: 'password', hint: 'The API tracking identifier on the API user\'s "API Tracking Identifier" tab.' },
  ],
  halo: [
    { field: 'url', label: 'Halo URL', type: 'url', placeholder: 'https://yourcompany.halopsa.com', hint: 'The address you open Halo at: hosted (*.halopsa.com, *.haloitsm.com) or your own server.' },
    { field: 'haloClientId', label: 'Client ID', placeholder: '00000000-0000-0000-0000-000000000000', hint: 'From Configuration › Integrations › HaloPSA API › View applications: an application using Client ID and Secret (services).' },
    { field: 'clientSecret', label: 'Client secret', type: 'password', hint: "Shown once when the application is created. Stays in the extension's background, never in a web page." },
    { field: 'tenant', label: 'Tenant (optional)', placeholder: 'yourcompany', hint: 'Only if your Halo API details page names a tenant (hosted Halo on a shared authorisation server).' },
    { field: 'authUrl', label: 'Authorisation server (optional)', type: 'url', placeholder: 'https://yourcompany.halopsa.com/auth', hint: 'Only if it differs from {Halo URL}/auth: see "Authorisation Server" on the HaloPSA API page.' },
  ],
};

/** Element id prefixes: the ConnectWise ones predate the others. */
export const ID_PREFIX: Record<PsaKind, string> = { connectwise: 'cw', autotask: 'at', halo: 'halo' };
export const BOARD_LABELS: Record<PsaKind, string> = { connectwise: 'Service board', autotask: 'Queue', halo: 'Team' };
