import type { WorkModel } from '../../utils/ui/work-model';
import type { TicketSummary } from '../../utils/protocol/answers';
import { formatDuration } from '../../utils/flow/duration';
import { TimerControls } from '../work/TimerControls';
import { PullOutcomeNote } from '../work/PullOutcomeNote';
import { SkipControl } from '../work/SkipControl';
import { IdlePrompt, OutboxNotice, TimeToday, TimerNote } from '../work/TimeKeeping';

function TicketLine({ ticket }: { ticket: TicketSummary }) {
  return (
    <li class="ticket-line">
      <a href={ticket.url} target="_blank" rel="noreferrer" class="ticket-number">
        {ticket.number}
      </a>
      <span class="ticket-title" title={ticket.title}>
        {ticket.title}
      </span>
      <span class="ticket-meta">
        <span class={`sla sla-${ticket.slaState}`}>{ticket.slaLabel ?? 'no SLA'}</span>
        {' · '}
        <span class="age">opened {formatDuration(ticket.ageMs)} ago</span>
      </span>
    </li>
  );
}

/** The toolbar popup: my WIP and tickets, the timer, and Pull next with its reason or its refusal. */
export function Popup({ model, optionsUrl, insightsUrl }: { model: WorkModel; optionsUrl: string; insightsUrl?: string }) {
  const state = model.state.value;
  if (!state) return <p class="popup-message">Loading…</p>;
  if (!state.connected || !state.me) {
    return (
      <div class="popup-message">
        <p>{state.problem}</p>
        <a class="button primary" href={optionsUrl} target="_blank" rel="noreferrer">
          Open options
        </a>
      </div>
    );
  }
  const atLimit = state.wip >= state.wipLimit;
  const busy = model.busy.value;
  return (
    <main class="popup">
      <header class="popup-header">
        <h1 class={atLimit ? 'wip at-limit' : 'wip'} aria-label={`Work in progress ${state.wip} of ${state.wipLimit}`}>
          WIP {state.wip}/{state.wipLimit}
        </h1>
        <span class="who">
          {state.me.name} · {state.boardName}
        </span>
      </header>
      {state.problem && (
        <p class="banner error" role="alert">
          {state.problem}
          {state.syncedAt ? ` Showing what Pullboard knew ${formatDuration(Math.max(0, model.now.value - state.syncedAt))} ago.` : ''}
        </p>
      )}
      <IdlePrompt model={model} />
      <OutboxNotice model={model} />
      <section aria-label="In progress">
        {state.myTickets.length === 0 ? <p class="muted">Nothing in progress.</p> : <ul class="tickets">{state.myTickets.map((t) => <TicketLine ticket={t} key={t.id} />)}</ul>}
      </section>
      <section aria-label="Timer" class="timer-section">
        <TimerControls model={model} />
        <TimerNote model={model} />
        <TimeToday model={model} />
        {state.pausedTimers.length > 0 && (
          <ul class="paused">
            {state.pausedTimers.slice(0, 3).map((t) => (
              <li key={t.ticketId}>
                Paused {t.number} ({formatDuration(t.baseMs)})
                <button type="button" class="small" onClick={() => void model.resumeTimer(t.connectionId, t.ticketId)} disabled={busy !== null}>
                  Resume
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Pull next" class="pull">
        {state.refusal ? (
          <div class="refusal" role="status">
            <p>{state.refusal.reason}</p>
            {state.refusal.helpWith && (
              <div class="help">
                <p>Help finish:</p>
                <ul class="tickets">
                  <TicketLine ticket={state.refusal.helpWith} />
                </ul>
              </div>
            )}
          </div>
        ) : state.next ? (
          <div class="next">
            <p>
              Next: <strong>{state.next.number}</strong> {state.next.title}
              <br />
              <span class="muted">{state.next.reason}</span>
            </p>
            <SkipControl model={model} ticketId={state.next.id} ticketNumber={state.next.number} key={state.next.id} />
          </div>
        ) : (
          <p class="muted">Nothing in Ready matches you right now.</p>
        )}
        <button type="button" class="primary pull-button" onClick={() => void model.pullNext()} disabled={busy !== null}>
          {busy === 'pull' ? 'Pulling…' : 'Pull next'}
        </button>
        {/* A refusal is already shown above, with its help-finish ticket. */}
        {!(state.refusal && model.outcome.value?.kind === 'refused') && <PullOutcomeNote model={model} />}
      </section>
      <footer class="popup-footer">
        <button type="button" onClick={() => void model.openBoard()}>
          Open board
        </button>
        {insightsUrl && (
          <a href={insightsUrl} target="_blank" rel="noreferrer">
            Insights
          </a>
        )}
        <a href={optionsUrl} target="_blank" rel="noreferrer">
          Options
        </a>
      </footer>
    </main>
  );
}
