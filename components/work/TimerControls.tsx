import type { WorkModel } from '../../utils/ui/work-model';
import { formatClock } from '../../utils/ui/work-model';

/** The running timer: which ticket, how long, pause and stop. Reads `timerMs` so only it re-renders each second. */
export function TimerControls({ model, compact = false }: { model: WorkModel; compact?: boolean }) {
  const timer = model.state.value?.timer ?? null;
  const busy = model.busy.value !== null;
  if (!timer) return compact ? null : <p class="timer idle">No timer running.</p>;
  return (
    <div class="timer" role="timer" aria-label={`Timer on ${timer.number}`}>
      <span class="timer-clock" aria-live="off">
        {formatClock(model.timerMs.value ?? 0)}
      </span>
      {!compact && (
        <a class="timer-ticket" href={timer.url} target="_top">
          {timer.number} {timer.title}
        </a>
      )}
      {compact && <span class="timer-ticket">{timer.number}</span>}
      <button type="button" class="small" onClick={() => void model.pauseTimer()} disabled={busy} aria-label={`Pause the timer on ${timer.number}`}>
        Pause
      </button>
      <button type="button" class="small" onClick={() => void model.stopTimer(timer.connectionId, timer.ticketId)} disabled={busy} aria-label={`Stop the timer on ${timer.number}`}>
        Stop
      </button>
    </div>
  );
}
