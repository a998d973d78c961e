import { useState } from 'preact/hooks';
import type { WorkModel } from '../../utils/ui/work-model';
import { formatDuration } from '../../utils/flow/duration';

/** "You were away 12 min: keep that time on #10044?" — asked once the tech is back. */
export function IdlePrompt({ model }: { model: WorkModel }) {
  const idle = model.state.value?.idle;
  if (!idle) return null;
  return (
    <div class="idle-prompt" role="alertdialog" aria-label="You were away">
      <p>
        You were away {formatDuration(idle.awayMs)}; the timer on {idle.number} paused. Keep that time on {idle.number}?
      </p>
      <button type="button" class="small" onClick={() => void model.resolveIdle(true)}>
        Keep {formatDuration(idle.awayMs)}
      </button>
      <button type="button" class="small" onClick={() => void model.resolveIdle(false)}>
        Drop it
      </button>
    </div>
  );
}

/** Logged today, and the gap since the last entry when no timer runs. */
export function TimeToday({ model }: { model: WorkModel }) {
  const state = model.state.value;
  if (!state) return null;
  const { loggedMs, unloggedSince } = state.today;
  const now = model.now.value;
  const gap = unloggedSince !== null && !state.timer ? now - unloggedSince : null;
  return (
    <p class="time-today">
      Logged today: <strong>{(loggedMs / 3_600_000).toFixed(2)} h</strong>
      {gap !== null && gap >= 60_000 && (
        <span class="gap">
          {' '}
          · {formatDuration(gap)} unlogged since {new Date(unloggedSince!).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
        </span>
      )}
    </p>
  );
}

/** The note that goes with the running timer's next time entry. */
export function TimerNote({ model }: { model: WorkModel }) {
  const timer = model.state.value?.timer;
  const [draft, setDraft] = useState<string | null>(null);
  if (!timer) return null;
  const value = draft ?? timer.note;
  return (
    <form
      class="timer-note"
      onSubmit={(e) => {
        e.preventDefault();
        void model.setNote(value).then(() => setDraft(null));
      }}
    >
      <label for="timer-note">Note for {timer.number}</label>
      <input id="timer-note" type="text" maxLength={2000} value={value} placeholder="What you did (goes with the time entry)" onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)} />
      {draft !== null && draft !== timer.note && (
        <button type="submit" class="small">
          Save note
        </button>
      )}
    </form>
  );
}

/** Writes not yet in the PSA, and the ones that need the tech: copy or discard, or send again. */
export function OutboxNotice({ model }: { model: WorkModel }) {
  const outbox = model.state.value?.outbox;
  if (!outbox || (outbox.pending === 0 && outbox.failed.length === 0)) return null;
  return (
    <section class="outbox" aria-label="Writes not yet in the PSA">
      {outbox.pending > 0 && (
        <p class="outbox-pending" role="status">
          {outbox.pending} change{outbox.pending === 1 ? '' : 's'} waiting to reach the PSA{outbox.pendingProblem ? `: ${outbox.pendingProblem}` : '…'}
        </p>
      )}
      {outbox.failed.map((f) => (
        <div class="outbox-failed" role="alert" key={f.id}>
          <p>
            <strong>{f.label}</strong> did not reach the PSA: {f.message}
          </p>
          <button type="button" class="small" onClick={() => void navigator.clipboard.writeText(f.copyText)}>
            Copy
          </button>
          <button type="button" class="small" onClick={() => void model.retryWrite(f.id)}>
            Send again
          </button>
          <button type="button" class="small" onClick={() => void model.discardWrite(f.id)}>
            Discard
          </button>
        </div>
      ))}
    </section>
  );
}
