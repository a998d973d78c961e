import type { BoardDesignerModel } from '../../utils/ui/board-designer-model';
import type { BoardModel } from '../../utils/ui/board-model';
import { BoardDesignerColumns } from './BoardDesignerColumns';
import { BoardDesignerRules } from './BoardDesignerRules';
import { BoardDesignerSkills } from './BoardDesignerSkills';
import { BoardDesignerTransfer } from './BoardDesignerTransfer';
import { Board } from '../board/Board';

/**
 * The board designer: columns ↔ the PSA's statuses, WIP limits, swimlanes, Definition of Ready,
 * skills, ranking, default filters; several boards per connection; a live preview; export/import.
 */
export function BoardDesigner({ model, preview }: { model: BoardDesignerModel; preview: BoardModel }) {
  const view = model.view.value;
  const set = model.draft.value;
  const board = model.board.value;
  if (model.loadError.value) return <p class="banner error">{model.loadError.value}</p>;
  if (!view || !set || !board) {
    return (
      <section class="connection-form designer" aria-label="Board designer">
        <h2>Board designer</h2>
        <p class="muted">Connect a PSA above: the designer works with its real statuses, members and priorities.</p>
      </section>
    );
  }
  const problems = model.problems.value;
  return (
    <section class="connection-form designer" aria-label="Board designer">
      <h2>Board designer</h2>
      <p class="muted">
        {view.stored ? 'Your saved configuration.' : 'Nothing saved yet: these columns were guessed from the PSA\'s statuses.'} Changes apply when you save.
      </p>
      {view.problem && <p class="banner warn">{view.problem}</p>}
      <div class="designer-boards" role="group" aria-label="Boards">
        <label>
          Board{' '}
          <select aria-label="Board to edit" value={board.id} onChange={(e) => (model.selectedId.value = (e.currentTarget as HTMLSelectElement).value)}>
            {set.boards.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
                {b.id === set.defaultBoardId ? ' (default)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name <input aria-label="Board name" value={board.name} onInput={(e) => model.updateBoard((b) => ({ ...b, name: (e.currentTarget as HTMLInputElement).value }))} />
        </label>
        <button type="button" onClick={() => model.makeDefault()} disabled={board.id === set.defaultBoardId} title="Pull next and the board views follow the default board">
          Make default
        </button>
        <button type="button" onClick={() => model.addBoard()}>
          Add board
        </button>
        <button type="button" onClick={() => model.removeBoard()} disabled={set.boards.length < 2}>
          Remove board
        </button>
      </div>
      <div class="designer-save">
        {problems.length > 0 && (
          <div class="banner error" role="alert">
            <strong>Not saved yet — fix:</strong>
            <ul>
              {problems.slice(0, 6).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        <div class="actions">
          <button type="button" class="primary" onClick={() => void model.save()} disabled={!model.dirty.value || problems.length > 0 || model.busy.value !== null}>
            {model.busy.value === 'save' ? 'Saving…' : 'Save board configuration'}
          </button>
          <button type="button" onClick={() => model.revert()} disabled={!model.dirty.value}>
            Revert
          </button>
          {model.dirty.value && <span class="muted">Unsaved changes</span>}
        </div>
        <DesignerResult model={model} from="save" />
      </div>
      <BoardDesignerColumns model={model} />
      <BoardDesignerRules model={model} />
      <BoardDesignerSkills model={model} />
      <BoardDesignerTransfer model={model} />
      <DesignerResult model={model} from="transfer" />
      <section class="designer-preview" aria-label="Preview">
        <h3>Preview</h3>
        <p class="muted">The board as it will look with this configuration, on the tickets Pullboard has now.</p>
        <div class="preview-frame">
          <Board model={preview} optionsUrl={null} />
        </div>
      </section>
    </section>
  );
}

function DesignerResult({ model, from }: { model: BoardDesignerModel; from: 'save' | 'transfer' }) {
  const message = model.message.value;
  if (!message || message.from !== from) return null;
  return (
    <p class={message.ok ? 'banner ok' : 'banner error'} role={message.ok ? 'status' : 'alert'} aria-label="Designer result">
      {message.text}
    </p>
  );
}
