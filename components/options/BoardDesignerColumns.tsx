import type { BoardDesignerModel } from '../../utils/ui/board-designer-model';
import { ColumnRole } from '../../utils/flow';

const ROLE_WORDS: Record<ColumnRole, string> = {
  intake: 'Intake (triage)',
  ready: 'Ready (Pull next draws here)',
  doing: 'Doing (counts for WIP)',
  waiting: 'Waiting',
  done: 'Done',
};

/** Columns in order with their limits, then which PSA status shows in which column. */
export function BoardDesignerColumns({ model }: { model: BoardDesignerModel }) {
  const board = model.board.value!;
  const statuses = model.statuses.value;
  const statusName = (id: string) => statuses.find((s) => s.id === id)?.name ?? `status ${id} (unknown)`;
  return (
    <fieldset class="designer-block">
      <legend>Columns and WIP limits</legend>
      <table class="designer-table">
        <thead>
          <tr>
            <th>Column</th>
            <th>Role</th>
            <th>WIP limit</th>
            <th>Hard</th>
            <th>A move writes</th>
            <th>
              <span class="sr-only">Order</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {board.columns.map((column, i) => (
            <tr key={column.id}>
              <td>
                <input aria-label={`Name of column ${i + 1}`} value={column.name} onInput={(e) => model.updateColumn(column.id, (c) => ({ ...c, name: (e.currentTarget as HTMLInputElement).value }))} />
              </td>
              <td>
                <select aria-label={`Role of ${column.name}`} value={column.role} onChange={(e) => model.setRole(column.id, (e.currentTarget as HTMLSelectElement).value as ColumnRole)}>
                  {ColumnRole.options.map((role) => (
                    <option key={role} value={role}>
                      {ROLE_WORDS[role]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  class="narrow"
                  type="number"
                  min={1}
                  aria-label={`WIP limit of ${column.name}`}
                  placeholder="none"
                  value={column.wipLimit ?? ''}
                  onInput={(e) => model.setColumnLimit(column.id, (e.currentTarget as HTMLInputElement).value)}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Hard limit for ${column.name}`}
                  title="A hard limit refuses moves into a full column; a soft one warns"
                  checked={column.hardLimit}
                  disabled={column.wipLimit === null}
                  onChange={(e) => model.updateColumn(column.id, (c) => ({ ...c, hardLimit: (e.currentTarget as HTMLInputElement).checked }))}
                />
              </td>
              <td>
                {column.statusIds.length === 0 ? (
                  <span class="error">no status: moves refused</span>
                ) : (
                  <select aria-label={`Status a move into ${column.name} writes`} value={column.statusIds[0]} onChange={(e) => model.setMoveStatus(column.id, (e.currentTarget as HTMLSelectElement).value)}>
                    {column.statusIds.map((id) => (
                      <option key={id} value={id}>
                        {statusName(id)}
                      </option>
                    ))}
                  </select>
                )}
              </td>
              <td class="row-actions">
                <button type="button" class="small" aria-label={`Move ${column.name} left`} disabled={i === 0} onClick={() => model.moveColumn(column.id, -1)}>
                  ↑
                </button>
                <button type="button" class="small" aria-label={`Move ${column.name} right`} disabled={i === board.columns.length - 1} onClick={() => model.moveColumn(column.id, 1)}>
                  ↓
                </button>
                <button type="button" class="small" aria-label={`Remove ${column.name}`} onClick={() => model.removeColumn(column.id)}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="actions">
        <button type="button" onClick={() => model.addColumn()}>
          Add column
        </button>
        <button type="button" onClick={() => model.resetColumns()} disabled={statuses.length === 0}>
          Guess columns from the PSA's statuses
        </button>
      </div>
      <h3>Which PSA status shows in which column</h3>
      {statuses.length === 0 ? (
        <p class="muted">The PSA's statuses arrive with the first sync.</p>
      ) : (
        <table class="designer-table matrix">
          <thead>
            <tr>
              <th>PSA status</th>
              {board.columns.map((c) => (
                <th key={c.id}>{c.name}</th>
              ))}
              <th>Not shown</th>
            </tr>
          </thead>
          <tbody>
            {statuses.map((status) => {
              const owner = board.columns.find((c) => c.statusIds.includes(status.id))?.id ?? null;
              return (
                <tr key={status.id}>
                  <th scope="row">
                    {status.name}
                    {status.closed && <span class="muted"> · closed</span>}
                    {status.inactive && <span class="muted"> · inactive</span>}
                  </th>
                  {board.columns.map((c) => (
                    <td key={c.id}>
                      <input type="radio" name={`status-${status.id}`} aria-label={`${status.name} in ${c.name}`} checked={owner === c.id} onChange={() => model.mapStatus(status.id, c.id)} />
                    </td>
                  ))}
                  <td>
                    <input type="radio" name={`status-${status.id}`} aria-label={`${status.name} not shown`} checked={owner === null} onChange={() => model.mapStatus(status.id, null)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}
