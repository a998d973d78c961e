import type { ComponentChildren } from 'preact';
import type { BoardModel } from '../../utils/ui/board-model';
import { formatDuration } from '../../utils/flow/duration';
import { BoardColumns } from './BoardColumns';
import { BoardToolbar } from './BoardToolbar';
import { BoardFlowFigures } from './BoardFlowFigures';

interface Props {
  model: BoardModel;
  /** Where "connect a PSA" and "map it in the designer" send the user. */
  optionsUrl: string | null;
  /** Extra controls in the header (the full-page board's Close). */
  actions?: ComponentChildren;
}

/**
 * The board, the same in the side panel, over the PSA page and in the designer's preview: columns
 * with WIP badges, lanes, cards; drag or keys to move, kept live by the background's sync.
 */
export function Board({ model, optionsUrl, actions }: Props) {
  if (model.loading.value) return <p class="board-message">Loading the board…</p>;
  if (model.problem.value) return <p class="board-message error" role="alert">{model.problem.value}</p>;
  const connection = model.connection.value;
  const board = model.board.value;
  if (!connection || !board) {
    return (
      <div class="board-message">
        <p>Pullboard is not connected to a PSA yet{optionsUrl ? '.' : ': connect it in Pullboard\'s options.'}</p>
        {optionsUrl && (
          <a class="button" href={optionsUrl} target="_blank" rel="noreferrer">
            Connect your PSA
          </a>
        )}
      </div>
    );
  }
  const sync = model.sync.value;
  const index = model.getIndex();
  const now = model.now.value;
  const unmapped = index?.unmappedSummary();
  const syncedAgo = index?.partial
    ? 'updating…'
    : sync?.lastPollAt
      ? `synced ${formatDuration(Math.max(0, now - sync.lastPollAt))} ago`
      : 'first sync running…';
  return (
    <section class="board" aria-label={`${board.name} board`}>
      <header class="board-header">
        <h1>{board.name}</h1>
        <span class="board-sync" title={sync?.lastPollAt ? new Date(sync.lastPollAt).toLocaleString() : ''}>
          {index?.size ?? 0} tickets · {syncedAgo}
        </span>
        <BoardFlowFigures ticketCount={index?.size ?? 0} />
        <span class="board-help">Drag a card, or focus it: ←/→ choose a column, Enter moves{index && model.columns.value.some((c) => index.isRanked(c.id)) ? ', Shift+↑/↓ reorders Ready' : ''}.</span>
        {actions}
      </header>
      <BoardToolbar model={model} />
      {sync?.lastError && (
        <p class="banner error" role="alert">
          {sync.lastError}
        </p>
      )}
      {sync && sync.rejectedCount > 0 && (
        <p class="banner warn">
          {sync.rejectedCount} ticket{sync.rejectedCount === 1 ? '' : 's'} could not be read and {sync.rejectedCount === 1 ? 'is' : 'are'} not shown: {sync.firstRejected}
        </p>
      )}
      {model.configProblem.value && <p class="banner warn">{model.configProblem.value}</p>}
      {unmapped && unmapped.count > 0 && (
        <p class="banner warn">
          {unmapped.count} ticket{unmapped.count === 1 ? ' is' : 's are'} in statuses no column shows ({unmapped.statusNames.join(', ')}): map them in{' '}
          {optionsUrl ? (
            <a href={optionsUrl} target="_blank" rel="noreferrer">
              the board designer
            </a>
          ) : (
            'Options → Board designer'
          )}
          .
        </p>
      )}
      <BoardNotice model={model} />
      <p class="sr-only" aria-live="polite" aria-atomic="true" data-testid="board-live">
        {model.announcement.value}
      </p>
      <div class="board-scroll">
        <BoardColumns model={model} />
      </div>
    </section>
  );
}

/** The last move's outcome, in words: pending, done, refused with the reason. */
function BoardNotice({ model }: { model: BoardModel }) {
  const notice = model.notice.value;
  if (!notice) return null;
  return (
    <div class={`board-notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <button type="button" class="link" aria-label="Dismiss" onClick={() => model.dismissNotice()}>
        ×
      </button>
    </div>
  );
}
