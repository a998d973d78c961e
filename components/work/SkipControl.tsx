import { useState } from 'preact/hooks';
import type { WorkModel } from '../../utils/ui/work-model';
import { SKIP_NOTE_MAX, SKIP_REASON_LABELS, SKIP_REASONS, type SkipReason } from '../../utils/flow/skips';

/**
 * Skip with a reason: a Skip button beside the offered ticket, then the reasons as buttons ("other"
 * asks for a few words). Plain buttons and a text field: the dock ignores untrusted events.
 */
export function SkipControl({ model, ticketId, ticketNumber, compact = false }: { model: WorkModel; ticketId: string; ticketNumber: string; compact?: boolean }) {
  const [other, setOther] = useState<string | null>(null);
  const busy = model.busy.value !== null;
  const button = compact ? 'dock-button secondary' : 'small';
  if (model.skipping.value !== ticketId) {
    return (
      <button type="button" class={button} onClick={() => model.askSkip(ticketId)} disabled={busy} title={`Pass on ${ticketNumber} and say why; Pull next then offers the next one`}>
        Skip
      </button>
    );
  }
  const choose = (reason: SkipReason) => {
    if (reason === 'other') setOther('');
    else void model.skip(reason);
  };
  return (
    <span class="skip-reasons" role="group" aria-label={`Why skip ${ticketNumber}?`}>
      <span class="skip-question">Skip {ticketNumber} because:</span>
      {other === null ? (
        SKIP_REASONS.map((reason) => (
          <button type="button" class={button} key={reason} onClick={() => choose(reason)} disabled={busy}>
            {SKIP_REASON_LABELS[reason]}
          </button>
        ))
      ) : (
        <form
          class="skip-other"
          onSubmit={(event) => {
            event.preventDefault();
            if (other.trim()) void model.skip('other', other.trim());
          }}
        >
          <input
            type="text"
            aria-label="Why you skip it"
            placeholder="In a few words"
            maxLength={SKIP_NOTE_MAX}
            value={other}
            onInput={(event) => setOther((event.target as HTMLInputElement).value)}
          />
          <button type="submit" class={button} disabled={busy || !other.trim()}>
            Skip it
          </button>
        </form>
      )}
      <button
        type="button"
        class={compact ? 'dock-link' : 'small'}
        onClick={() => {
          setOther(null);
          model.cancelSkip();
        }}
      >
        Cancel
      </button>
    </span>
  );
}

/** What the last skip did. */
export function SkipNote({ model }: { model: WorkModel }) {
  const note = model.skipNote.value;
  if (!note || model.error.value) return null;
  return (
    <p class="note ok" role="status">
      {note}
    </p>
  );
}
