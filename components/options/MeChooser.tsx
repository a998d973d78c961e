import type { ConnectionModel } from '../../utils/ui/connection-model';
import { psaKind } from '../../utils/psa/kinds';

/**
 * Who "me" is where the credentials may be an Autotask API user's or a Halo application's: always
 * correctable (pick yourself from the technicians, or type your e-mail, matched at each sync), and required
 * when the credentials' own record cannot hold tickets.
 */
export function MeChooser({ model }: { model: ConnectionModel }) {
  const test = model.test.value;
  const psa = psaKind(model.kind.value);
  if (!test || !psa.sharedCredentials) return null;
  const word = psa.words.member;
  return (
    <div class="me-chooser">
      {test.meProblem ? <p class="banner warn">{test.meProblem}</p> : <p class="hint">Not you? Choose yourself below: Pull next assigns tickets to whoever is "me".</p>}
      <div class="field">
        <label for="me-member">Who are you?</label>
        <select id="me-member" value={model.meId.value ?? ''} onChange={(e) => model.chooseMe((e.currentTarget as HTMLSelectElement).value || null)}>
          <option value="">— choose your {word} —</option>
          {test.members.map((m) => (
            <option value={m.id} key={m.id}>
              {m.name}
              {m.email ? ` (${m.email})` : ''}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="me-email">Or your e-mail</label>
        <input
          id="me-email"
          type="email"
          autocomplete="off"
          disabled={model.meId.value !== null}
          value={model.fields.value.meEmail ?? ''}
          aria-describedby="me-email-hint"
          onInput={(e) => model.setField('meEmail', (e.currentTarget as HTMLInputElement).value)}
        />
        <small id="me-email-hint">Pullboard finds the active technician with this e-mail at each sync.</small>
      </div>
    </div>
  );
}
