import type { WorkModel } from '../../utils/ui/work-model';
import { SKIP_NOTE_MAX, SKIP_REASON_LABELS, type SkipReason } from '../../utils/flow/skips';

/**
 * Skip with a reason: "Skip #12" beside the offered ticket, then the reasons as buttons ("Other"
 * asks for a few words) and Cancel. Plain buttons and a text field: the dock ignores untrusted events.
 * Lean on purpose: it ships in the content script of every PSA page.
 */
export function SkipControl({ model, ticketId, ticketNumber }: { model: WorkModel; ticketId: string; ticketNumber: string }) {
  const other = model.skipOther.value;
  const busy = model.busy.value !== null;
  const button = (label: string, onClick: () => unknown, disabled = busy) => (
    <button type="button" class="dock-button secondary small" onClick={onClick} disabled={disabled}>
      {label}
    </button>
  );
  if (model.skipping.value !== ticketId) return button(`Skip ${ticketNumber}`, () => model.askSkip(ticketId));
  return (
    // The dock's confirm style: a row of small buttons.
    <span class="dock-confirm" role="group" aria-label={`Why skip ${ticketNumber}?`}>
      {other === null
        ? (Object.keys(SKIP_REASON_LABELS) as SkipReason[]).map((reason) => button(SKIP_REASON_LABELS[reason], () => (reason === 'other' ? (model.skipOther.value = '') : model.skip(reason))))
        : [
            <input aria-label="Why" maxLength={SKIP_NOTE_MAX} value={other} onInput={(e) => (model.skipOther.value = (e.target as HTMLInputElement).value)} />,
            button('Skip it', () => model.skip('other', other.trim()), busy || !other.trim()),
          ]}
      {button('Cancel', () => model.askSkip(null), false)}
    </span>
  );
}
