import type { WorkModel } from '../../utils/ui/work-model';
import { TimerControls } from '../work/TimerControls';
import { PullOutcomeNote } from '../work/PullOutcomeNote';
import { SkipControl } from '../work/SkipControl';
import { toggleBoardOverlay } from '../board/overlay-handle';

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
        {!confirming && state?.next && !state.refusal && <SkipControl model={model} ticketId={state.next.id} ticketNumber={state.next.number} key={state.next.id} />}
        <button
          type="button"
          class="dock-link"
          title="The team board over this page (Escape closes it)"
          onClick={() => void toggleBoardOverlay().catch((e: Error) => (model.error.value = e.message))}
        >
          Full board
        </button>
        <button type="button" class="dock-link" onClick={() => void model.openBoard()} title="The team board in the browser's side panel">
          Board
        </button>
      </div>
      <PullOutcomeNote model={model} />
      {state?.idle && (
        <p class="note warn" role="alertdialog" aria-label="You were away">
          Away {Math.round(state.idle.awayMs / 60_000)} min — timer on {state.idle.number} paused.{' '}
          <button type="button" class="dock-link" onClick={() => void model.resolveIdle(true)}>
            Keep the time
          </button>
          <button type="button" class="dock-link" onClick={() => void model.resolveIdle(false)}>
            Drop it
          </button>
        </p>
      )}
      {state && (state.outbox.pending > 0 || state.outbox.failed.length > 0) && (
        <p class={state.outbox.failed.length ? 'note error' : 'note warn'} role="status">
          {state.outbox.failed.length > 0
            ? `${state.outbox.failed.length} change${state.outbox.failed.length === 1 ? '' : 's'} could not reach the PSA — open the Pullboard popup to copy or discard.`
            : `${state.outbox.pending} change${state.outbox.pending === 1 ? '' : 's'} waiting to reach the PSA${state.outbox.pendingProblem ? `: ${state.outbox.pendingProblem}` : '…'}`}
        </p>
      )}
      {!model.error.value && !model.outcome.value && state?.problem && (
        <p class="note error" role="alert">
          {state.problem}
        </p>
      )}
    </aside>
  );
}
