import { Fragment } from 'preact';
import type { BoardModel } from '../../utils/ui/board-model';
import { ALL_LANE, type BoardIndex, type Lane } from '../../utils/ui/board-index';
import { guessStatusRole, type ColumnDef } from '../../utils/flow';
import { TicketCard, CARD_HEIGHT } from './TicketCard';
import { VirtualList } from './VirtualList';
import { ColumnHeader } from './ColumnHeader';

/** Tallest a lane gets before its cells scroll, in cards. */
const LANE_CARDS = 3;
/** Height of the strip that carries a lane's title across the columns (board.css --lane-gap). */
const LANE_GAP = 30;
/** Height of a column header (board.css --column-header). */
const HEADER = 48;

interface LaneLayout {
  lane: Lane;
  height: number;
  /** The only lane of an unlaned board: it takes the rest of the height. */
  fill: boolean;
}

function layoutLanes(index: BoardIndex, columns: readonly ColumnDef[]): LaneLayout[] {
  const lanes = index.lanes.length > 0 ? index.lanes : [{ key: ALL_LANE, title: 'Standard', rank: 0 }];
  return lanes.map((lane, i) => {
    const fill = lane.key === ALL_LANE && i === lanes.length - 1;
    const most = Math.max(1, ...columns.map((c) => index.cell(lane.key, c.id).length));
    return { lane, fill, height: Math.min(most, LANE_CARDS) * CARD_HEIGHT + 6 };
  });
}

/** Columns side by side; within each, one cell per lane, all cells of a lane equally tall so lanes line up. */
export function BoardColumns({ model }: { model: BoardModel }) {
  const index = model.getIndex();
  const columns = model.columns.value;
  if (!index) return null;
  const layout = layoutLanes(index, columns);
  const titled = !(layout.length === 1 && layout[0]!.lane.key === ALL_LANE);
  let top = HEADER;
  const titles = titled
    ? layout.map(({ lane, height }) => {
        const at = top;
        top += LANE_GAP + height;
        const count = index.laneCount(lane.key);
        return (
          <div key={lane.key} class={`lane-title${lane.key === 'expedite' ? ' expedite' : ''}`} style={{ top: `${at}px` }} role="heading" aria-level={3}>
            {lane.title} <span class="lane-count">{count}</span>
          </div>
        );
      })
    : null;
  return (
    <div
      class={`columns${titled && !layout.some((l) => l.fill) ? ' laned' : ''}`}
      style={{ '--column-header': `${HEADER}px`, '--lane-gap': `${LANE_GAP}px` }}
    >
      {titles}
      {columns.map((column) => (
        <BoardColumn key={column.id} model={model} index={index} column={column} layout={layout} titled={titled} />
      ))}
    </div>
  );
}

interface ColumnProps {
  model: BoardModel;
  index: BoardIndex;
  column: ColumnDef;
  layout: LaneLayout[];
  titled: boolean;
}

function BoardColumn({ model, index, column, layout, titled }: ColumnProps) {
  // The index changes in place: reading the model's revision is what re-renders this column (signals
  // skip a component whose props look the same).
  model.getIndex();
  const badge = index.badge(column.id);
  const target = model.picked.value?.columnId === column.id && index.columnIdOf(model.picked.value.ticketId) !== column.id;
  return (
    <section
      class={`column role-${column.role}${target ? ' move-target' : ''}`}
      data-column={column.name}
      aria-label={`${column.name}: ${badge.count} tickets`}
    >
      <ColumnHeader column={column} badge={badge} ranked={index.isRanked(column.id)} />
      {layout.map(({ lane, height, fill }) => (
        <Fragment key={lane.key}>
          {titled && <div class="lane-gap" aria-hidden="true" />}
          <BoardCell model={model} index={index} column={column} lane={lane} height={fill ? null : height} />
        </Fragment>
      ))}
    </section>
  );
}

interface CellProps {
  model: BoardModel;
  index: BoardIndex;
  column: ColumnDef;
  lane: Lane;
  /** null: fill the column. */
  height: number | null;
}

function BoardCell({ model, index, column, lane, height }: CellProps) {
  model.getIndex(); // re-render on every change of the index (see BoardColumn)
  const cards = index.cell(lane.key, column.id);
  const focusId = model.focusId.value;
  const focusAt = focusId === null ? -1 : cards.findIndex((t) => t.id === focusId);
  const drop = model.dropTarget.value;
  const here = drop !== null && drop.laneKey === lane.key && drop.columnId === column.id;
  const ranked = index.isRanked(column.id);
  const dragged = model.dragging.value;
  const sameColumn = dragged !== null && index.columnIdOf(dragged) === column.id;
  return (
    <VirtualList
      items={cards}
      itemHeight={CARD_HEIGHT}
      keyOf={(t) => t.id}
      label={`${column.name}${lane.key === ALL_LANE ? '' : `, ${lane.title}`}: ${cards.length} shown`}
      class={`cell${height === null ? ' fill' : ''}${here && !sameColumn ? ' drop-here' : ''}`}
      style={height === null ? undefined : { height: `${height}px`, flex: 'none' }}
      ensureVisible={focusAt >= 0 ? focusAt : null}
      marker={here && sameColumn && ranked ? drop.index : null}
      render={(ticket) => (
        <TicketCard model={model} ticket={ticket} columnId={column.id} waiting={column.role === 'waiting' || guessStatusRole({ name: ticket.status.name, closed: false }) === 'waiting'} />
      )}
      onDragOver={(event, indexAt) => {
        if (model.dragging.value === null || model.readOnly) return;
        event.preventDefault();
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
        const at = indexAt(event.clientY);
        const current = model.dropTarget.value;
        if (!current || current.laneKey !== lane.key || current.columnId !== column.id || current.index !== at) {
          model.dropTarget.value = { laneKey: lane.key, columnId: column.id, index: at };
        }
      }}
      onDrop={(event, indexAt) => {
        event.preventDefault();
        const id = model.dragging.value ?? event.dataTransfer?.getData('text/plain') ?? '';
        if (id) model.drop(id, lane.key, column.id, indexAt(event.clientY));
      }}
      onDragLeave={(event) => {
        const related = event.relatedTarget as Node | null;
        if (related && (event.currentTarget as HTMLElement).contains(related)) return;
        if (model.dropTarget.value?.columnId === column.id && model.dropTarget.value.laneKey === lane.key) model.dropTarget.value = null;
      }}
    />
  );
}
