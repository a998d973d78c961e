import type { ConnectionModel } from '../../utils/ui/connection-model';
import { PSA_KINDS, psaKind } from '../../utils/psa/kinds';
import { MeChooser } from './MeChooser';
import { SavedConnection } from './SavedConnection';

/** Which PSA: fixed once a connection is saved (one connection at a time). */
function PsaChooser({ model, managed }: { model: ConnectionModel; managed: boolean }) {
  const locked = model.saved.value !== null || managed;
  return (
    <fieldset class="psa-chooser" disabled={locked}>
      <legend>Your PSA</legend>
      {PSA_KINDS.map((kind) => (
        <label key={kind}>
          <input type="radio" name="psa" value={kind} checked={model.kind.value === kind} onChange={() => model.chooseKind(kind)} /> {psaKind(kind).words.short}
        </label>
      ))}
      {managed ? <small> Set by your MSP.</small> : locked && <small> Remove the connection below to connect another PSA.</small>}
    </fieldset>
  );
}

/** `managed`: the fields the MSP's policy fills in, shown locked (never a credential). */
export function ConnectionForm({ model, managed = {}, managedKind = false }: { model: ConnectionModel; managed?: Partial<Record<string, string>>; managedKind?: boolean }) {
  const kind = model.kind.value;
  const saved = model.saved.value;
  const test = model.test.value;
  const busy = model.busy.value;
  const psa = psaKind(kind);
  const prefix = psa.idPrefix;
  return (
    <>
      <PsaChooser model={model} managed={managedKind} />
      <form
        class="connection-form"
        aria-label={`${psa.words.product} connection`}
        onSubmit={(e) => {
          e.preventDefault();
          void model.save();
        }}
      >
        <h2>{psa.words.product}</h2>
        <p class="hint storage-note">
          Pullboard keeps your {psa.words.credentials} in its own database in this browser profile, which only its background can
          open — never a web page, the {psa.words.short} pages or another extension. They are not encrypted on disk, like the
          browser's saved passwords; Remove deletes them with everything Pullboard kept of this connection.
        </p>
        {saved && <SavedConnection view={saved} />}
        {psa.fields.map((spec) => (
          <div class="field" key={spec.key}>
            <label for={`${prefix}-${spec.key}`}>{spec.label}</label>
            <input
              id={`${prefix}-${spec.key}`}
              name={spec.key}
              type={spec.type ?? 'text'}
              autocomplete="off"
              spellcheck={false}
              placeholder={saved && spec.secret ? 'unchanged' : spec.placeholder}
              value={managed[spec.key] ?? model.fields.value[spec.key] ?? ''}
              readOnly={managed[spec.key] !== undefined}
              aria-describedby={`${prefix}-${spec.key}-hint`}
              onInput={(e) => model.setField(spec.key, (e.currentTarget as HTMLInputElement).value)}
            />
            <small id={`${prefix}-${spec.key}-hint`}>
              {managed[spec.key] !== undefined ? 'Set by your MSP. ' : ''}
              {spec.hint}
            </small>
          </div>
        ))}
        <div class="actions">
          <button type="button" onClick={() => void model.testConnection()} disabled={busy !== null}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" class="primary" disabled={!model.canSave.value}>
            {busy === 'save' ? 'Saving…' : 'Save connection'}
          </button>
          {saved && (
            <button type="button" onClick={() => void model.remove()} disabled={busy !== null}>
              Remove
            </button>
          )}
        </div>
        {model.unsentWarning.value && (
          <div class="banner warn" role="alertdialog" aria-label="Unsent changes">
            <p>{model.unsentWarning.value}</p>
            <button type="button" onClick={() => void model.remove(true)} disabled={busy !== null}>
              Remove anyway
            </button>{' '}
            <button type="button" onClick={() => (model.unsentWarning.value = null)}>
              Keep the connection
            </button>
          </div>
        )}
        {model.error.value && (
          <p class="banner error" role="alert">
            {model.error.value}
          </p>
        )}
        {test && (
          <div class="test-result" role="status" aria-label="Test result">
            {test.discovered && <p class="discovered">{test.discovered.text}</p>}
            {test.me && (
              <p>
                Connected as <strong>{test.me.name}</strong> ({test.me.identifier}
                {test.me.email ? `, ${test.me.email}` : ''}){test.meReason ? `: ${test.meReason}` : ''}.
              </p>
            )}
            <MeChooser model={model} />
            <div class="field">
              <label for={`${prefix}-board`}>{psa.words.boardLabel}</label>
              <select id={`${prefix}-board`} value={model.boardId.value ?? ''} onChange={(e) => void model.chooseBoard((e.currentTarget as HTMLSelectElement).value)}>
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
            {!model.meKnown.value && <p class="banner warn">Choose who you are, or type your e-mail, before saving: Pull next assigns tickets to you.</p>}
          </div>
        )}
        {!test && !saved && psa.sharedCredentials && <p class="hint">Press Test connection to choose the {psa.words.board} and see who you are.</p>}
        {model.notice.value && (
          <p class="banner ok" role="status">
            {model.notice.value}
          </p>
        )}
      </form>
    </>
  );
}
