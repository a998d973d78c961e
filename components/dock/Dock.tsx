import type { WorkModel } from '../../utils/ui/work-model';
import { TimerControls } from '../work/TimerControls';
import { PullOutcomeNote } from '../work/PullOutcomeNote';

/** The strip Pullboard adds to every PSA page: WIP, Pull next, the timer, Done → pull next, the board. */
export function Dock({ model }: { model: WorkModel }) {
  const state = model.state.value;
  const busy = model.busy.value;
  const atLimit = state ? state.wip >= state.wipLimit : false;
  const page = state?.pageTicket ?? null;
  const confirming = model.confirmingDone.value;
  return (
    <aside class="dock" aria-label="Pullboard">
      <div class="dock-row">
        <span class="dock-brand">Pullboard</span>
        {state?.connected && state.me && (
          <span class={atLimit ? 'dock-wip at-limit' : 'dock-wip'} aria-label={`Work in progress ${state.wip} of ${state.wipLimit}`} title="Your tickets in progress / your WIP limit">
            WIP {state.wip}/{state.wipLimit}
          </span>
        )}
        <TimerControls model={model} compact />
        {page && page.mine && !page.closed && !confirming && (
          <button type="button" class="dock-button secondary" onClick={() => model.askDone(page.id)} disabled={busy !== null}>
            Done → pull next
          </button>
        )}
        {confirming && page && (
          <span class="dock-confirm" role="group" aria-label="Confirm done">
            Move {page.number} to done and pull the next?
            <button type="button" class="dock-button" onClick={() => void model.confirmDone()}>
              Yes, done
            </button>
            <button type="button" class="dock-button secondary" onClick={() => model.cancelDone()}>
              Cancel
            </button>
          </span>
        )}
        {!confirming && (
          <button
            type="button"
            class="dock-button"
            onClick={() => void model.pullNext()}
            disabled={busy !== null || !state?.me}
            title={state?.refusal?.reason ?? (state?.next ? `Next: ${state.next.number} — ${state.next.reason}` : 'Nothing ready for you right now')}
          >
            {busy === 'pull' || busy === 'done' ? 'Pulling…' : 'Pull next'}
          </button>
        )}
        <button type="button" class="dock-link" onClick={() => void model.openBoard()}>
          Board
        </button>
      </div>
      <PullOutcomeNote model={model} />
      {!model.error.value && !model.outcome.value && state?.problem && (
        <p class="note error" role="alert">
          {state.problem}
        </p>
      )}
    </aside>
  );
}
