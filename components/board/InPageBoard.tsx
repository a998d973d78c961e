import type { BoardModel } from '../../utils/ui/board-model';
import { Board } from './Board';

/** The board over a PSA page: a dialog over the dimmed page; Escape, Close or a click beside it takes it away. */
export function InPageBoard({ model, onClose }: { model: BoardModel; onClose: () => void }) {
  return (
    <>
      <div class="overlay-backdrop" onClick={onClose} aria-hidden="true" />
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
    </>
  );
}
