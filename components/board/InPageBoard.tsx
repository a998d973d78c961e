import type { BoardModel } from '../../utils/ui/board-model';
import { Board } from './Board';

/** The board over a PSA page: a full-window dialog; Escape or Close takes it away, the page is left as it was. */
export function InPageBoard({ model, onClose }: { model: BoardModel; onClose: () => void }) {
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-label="Pullboard board" tabIndex={-1}>
      <Board
        model={model}
        optionsUrl={null}
        actions={
          <button type="button" class="overlay-close" onClick={onClose} title="Close the board (Escape)">
            Close ✕
          </button>
        }
      />
    </div>
  );
}
