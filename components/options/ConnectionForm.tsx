import { BOARD_WORDS, PSA_NAMES, SECRET_FIELDS, type ConnectionModel } from '../../utils/ui/connection-model';
import type { PsaKind } from '../../utils/psa/model';
import { BOARD_LABELS, FIELDS, ID_PREFIX } from './connection-fields';
import { MeChooser } from './MeChooser';
import { SavedConnection } from './SavedConnection';

const KINDS: { kind: PsaKind; label: string }[] = [
  { kind: 'connectwise', label: 'ConnectWise' },
  { kind: 'autotask', label: 'Autotask' },
  { kind: 'halo', label: 'Halo' },
];

/** Which PSA: fixed once a connection is saved (one connection at a time). */
function PsaChooser({ model, managed }: { model: ConnectionModel; managed: boolean }) {
  const locked = model.saved.value !== null || managed;
  return (
    <fieldset class="psa-chooser" disabled={locked}>
      <legend>Your PSA</legend>
      {KINDS.map(({ kind, label }) => (
        <label key={kind}>
          <input type="radio" name="psa" value={kind} checked={model.kind.value === kind} onChange={() => model.chooseKind(kind)} /> {label}
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
  const prefix = ID_PREFIX[kind];
  return (
    <>
      <PsaChooser model={model} managed={managedKind} />
      <form
        class="connection-form"
        aria-label={`${PSA_NAMES[kind]} connection`}
        onSubmit={(e) => {
          e.preventDefault();
          void model.save();
        }}
      >
        <h2>{PSA_NAMES[kind]}</h2>
        {saved && <SavedConnection view={saved} />}
        {FIELDS[kind].map((spec) => (
          <div class="field" key={spec.field}>
            <label for={`${prefix}-${spec.field}`}>{spec.label}</label>
            <input
              id={`${prefix}-${spec.field}`}
              name={spec.field}
              type={spec.type ?? 'text'}
              autocomplete="off"
              spellcheck={false}
              placeholder={saved && SECRET_FIELDS.includes(spec.field) ? 'unchanged' : spec.placeholder}
              value={managed[spec.field] ?? model.fields.value[spec.field]}
              readOnly={managed[spec.field] !== undefined}
              aria-describedby={`${prefix}-${spec.field}-hint`}
              onInput={(e) => model.setField(spec.field, (e.currentTarget as HTMLInputElement).value)}
            />
            <small id={`${prefix}-${spec.field}-hint`}>
              {managed[spec.field] !== undefined ? 'Set by your MSP. ' : ''}
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
        {model.error.value && (
          <p class="banner error" role="alert">
            {model.error.value}
          </p>
        )}
        {test && (
          <div class="test-result" role="status" aria-label="Test result">
            {test.zone && (
              <p class="zone">
                Zone found: <strong>{new URL(test.zone.zoneUrl).host}</strong> (web app {new URL(test.zone.webUrl).host}).
              </p>
            )}
            {test.me ? (
              <p>
                Connected as <strong>{test.me.name}</strong> ({test.me.identifier}
                {test.me.email ? `, ${test.me.email}` : ''}).
              </p>
            ) : (
              <MeChooser model={model} />
            )}
            <div class="field">
              <label for={`${prefix}-board`}>{BOARD_LABELS[kind]}</label>
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
        {!test && !saved && kind !== 'connectwise' && <p class="hint">Press Test connection to choose the {BOARD_WORDS[kind]} and see who you are.</p>}
        {model.notice.value && (
          <p class="banner ok" role="status">
            {model.notice.value}
          </p>
        )}
      </form>
    </>
  );
}
