import type { WorkModel } from '../../utils/ui/work-model';

/** What the last Pull next did, or why it would not — in words a tech acts on. */
export function PullOutcomeNote({ model }: { model: WorkModel }) {
  const outcome = model.outcome.value;
  const error = model.error.value;
  if (error) {
    return (
      <p class="note error" role="alert">
        {error}
      </p>
    );
  }
  if (!outcome) return null;
  if (outcome.kind === 'claimed') {
    return (
      <p class="note ok" role="status">
        Pulled <strong>{outcome.ticket.number}</strong> {outcome.ticket.title} — {outcome.reason}
        {outcome.notes.length > 0 && <span class="note-extra"> ({outcome.notes.join('; ')})</span>}
      </p>
    );
  }
  if (outcome.kind === 'refused') {
    return (
      <p class="note warn" role="status">
        {outcome.message}
        {outcome.helpWith && (
          <>
            {' '}
            <a href={outcome.helpWith.url} target="_top">
              Open {outcome.helpWith.number}
            </a>
          </>
        )}
      </p>
    );
  }
  return (
    <p class="note warn" role="status">
      {outcome.message}
    </p>
  );
}
