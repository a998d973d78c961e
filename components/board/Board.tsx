import type { BoardModel } from '../../utils/ui/board-model';
import { formatDuration } from '../../utils/flow';
import { TicketCard, CARD_HEIGHT } from './TicketCard';
import { VirtualList } from './VirtualList';

interface Props {
  model: BoardModel;
  /** Where "connect a PSA" sends the user. */
  optionsUrl: string;
}

/** The board: one column per mapped status group, kept live by the background's sync. */
export function Board({ model, optionsUrl }: Props) {
  const connection = model.connection.value;
  const sync = model.sync.value;
  if (model.loading.value) return <p class="board-message">Loading the board…</p>;
  if (model.problem.value) return <p class="board-message error" role="alert">{model.problem.value}</p>;
  if (!connection) {
    return (
      <div class="board-message">
        <p>Pullboard is not connected to a PSA yet.</p>
        <a class="button" href={optionsUrl} target="_blank" rel="noreferrer">
          Connect your PSA
        </a>
      </div>
    );
  }
  const now = model.now.value;
  const placed = model.placed.value;
  const boardName = sync?.boards.find((b) => b.id === connection.boardId)?.name ?? connection.boardName ?? 'Board';
  const syncedAgo = sync?.lastPollAt ? `synced ${formatDuration(Math.max(0, now - sync.lastPollAt))} ago` : 'first sync running…';
  return (
    <section class="board" aria-label={`${boardName} board`}>
      <header class="board-header">
        <h1>{boardName}</h1>
        <span class="board-sync" title={sync?.lastPollAt ? new Date(sync.lastPollAt).toLocaleString() : ''}>
          {model.tickets.value.size} tickets · {syncedAgo}
        </span>
      </header>
      {sync?.lastError && (
        <p class="banner error" role="alert">
          {sync.lastError.message}
        </p>
      )}
      {sync && sync.rejected.length > 0 && (
        <p class="banner warn" role="status">
          {sync.rejected.length} ticket{sync.rejected.length === 1 ? '' : 's'} could not be read and {sync.rejected.length === 1 ? 'is' : 'are'} not shown: {sync.rejected[0]?.problem}
        </p>
      )}
      <div class="columns">
        {model.columns.value.map((column) => {
          const cards = placed.byColumn.get(column.id) ?? [];
          return (
            <section class={`column role-${column.role}`} key={column.id} aria-label={`${column.name}: ${cards.length} tickets`} data-column={column.name}>
              <header class="column-header">
                <h2>{column.name}</h2>
                <span class="column-count">{cards.length}</span>
              </header>
              <VirtualList
                items={cards}
                itemHeight={CARD_HEIGHT}
                keyOf={(t) => t.id}
                label={`${column.name} tickets`}
                render={(t) => <TicketCard ticket={t} now={now} />}
              />
            </section>
          );
        })}
      </div>
    </section>
  );
}
