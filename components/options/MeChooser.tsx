import type { ConnectionModel } from '../../utils/ui/connection-model';
import { psaKind } from '../../utils/psa/kinds';

/**
 * "Me" when the credentials belong to an Autotask API user or a Halo application: pick yourself from the
 * technicians, or type your e-mail and Pullboard matches it at each sync.
 */
export function MeChooser({ model }: { model: ConnectionModel }) {
  const test = model.test.value;
  if (!test || test.me) return null;
  const word = psaKind(model.kind.value).words.member;
  return (
    <div class="me-chooser">
      <p class="banner warn">{test.meProblem}</p>
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
