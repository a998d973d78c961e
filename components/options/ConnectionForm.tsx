import type { ConnectionModel, Field } from '../../utils/ui/connection-model';

interface FieldSpec {
  field: Field;
  label: string;
  hint: string;
  type?: 'password' | 'url' | 'text';
  placeholder?: string;
}

const FIELDS: FieldSpec[] = [
  { field: 'siteUrl', label: 'Site URL', type: 'url', placeholder: 'https://na.myconnectwise.net', hint: 'The address you open ConnectWise PSA at (cloud or on-premise).' },
  { field: 'companyId', label: 'Company ID', placeholder: 'yourcompany', hint: 'The company you type on the ConnectWise login screen.' },
  { field: 'publicKey', label: 'Public key', hint: 'From My Account → API Keys in ConnectWise: your own member\'s key pair.' },
  { field: 'privateKey', label: 'Private key', type: 'password', hint: 'Shown once when the key pair is created. Stays in the extension\'s background, never in a web page.' },
  { field: 'clientId', label: 'Client ID', placeholder: '00000000-0000-0000-0000-000000000000', hint: 'Your integration\'s client ID from the ConnectWise developer portal.' },
];

export function ConnectionForm({ model }: { model: ConnectionModel }) {
  const saved = model.saved.value;
  const test = model.test.value;
  const busy = model.busy.value;
  return (
    <form
      class="connection-form"
      aria-label="ConnectWise PSA connection"
      onSubmit={(e) => {
        e.preventDefault();
        void model.save();
      }}
    >
      <h2>ConnectWise PSA</h2>
      {saved && (
        <p class={saved.problem ? 'banner warn' : 'banner ok'} role="status">
          Connected to {new URL(saved.siteUrl).host} as{' '}
          <strong>{saved.me ? `${saved.me.name} (${saved.me.identifier})` : 'you (loading…)'}</strong>
          {saved.boardName ? `, board ${saved.boardName}` : ''}. Keys are stored ({saved.publicKeyHint}); leave them blank to keep them.
        </p>
      )}
      {saved?.problem && (
        <p class="banner error" role="alert">
          The last sync failed ({new Date(saved.problem.at).toLocaleTimeString()}): {saved.problem.message}
        </p>
      )}
      {FIELDS.map((spec) => (
        <div class="field" key={spec.field}>
          <label for={`cw-${spec.field}`}>{spec.label}</label>
          <input
            id={`cw-${spec.field}`}
            name={spec.field}
            type={spec.type ?? 'text'}
            autocomplete="off"
            spellcheck={false}
            placeholder={saved && (spec.field === 'publicKey' || spec.field === 'privateKey') ? 'unchanged' : spec.placeholder}
            value={model.fields.value[spec.field]}
            aria-describedby={`cw-${spec.field}-hint`}
            onInput={(e) => model.setField(spec.field, (e.currentTarget as HTMLInputElement).value)}
          />
          <small id={`cw-${spec.field}-hint`}>{spec.hint}</small>
        </div>
      ))}
      <div class="actions">
        <button type="button" onClick={() => void model.testConnection()} disabled={busy !== null}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" class="primary" disabled={busy !== null || !model.boardId.value}>
          {busy === 'save' ? 'Saving…' : 'Save connection'}
        </button>
        {saved && (
          <button type="button" onClick={() => void model.remove()} disabled={busy !== null}>
            Remove
          </button>
        )}
      </div>
      {model.error.value && (
        <p class="banner error" role="alert">
          {model.error.value}
        </p>
      )}
      {test && (
        <div class="test-result" role="status" aria-label="Test result">
          <p>
            Connected as <strong>{test.me.name}</strong> ({test.me.identifier}
            {test.me.email ? `, ${test.me.email}` : ''}).
          </p>
          <div class="field">
            <label for="cw-board">Service board</label>
            <select id="cw-board" value={model.boardId.value ?? ''} onChange={(e) => void model.chooseBoard((e.currentTarget as HTMLSelectElement).value)}>
              {test.boards.map((b) => (
                <option value={b.id} key={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
          {test.openTickets !== null && (
            <p class="open-count">
              <strong>{test.openTickets.toLocaleString('en-US')}</strong> open tickets on {test.board?.name}.
            </p>
          )}
        </div>
      )}
      {model.notice.value && (
        <p class="banner ok" role="status">
          {model.notice.value}
        </p>
      )}
    </form>
  );
}
