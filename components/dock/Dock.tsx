import type { DockModel } from '../../utils/ui/dock-model';

/** The strip Pullboard adds to a PSA page: who you are, your WIP, and the way to the board. */
export function Dock({ model }: { model: DockModel }) {
  const state = model.state.value;
  const problem = model.error.value ?? state?.problem ?? null;
  const over = state ? state.wip >= state.wipLimit : false;
  return (
    <aside class="dock" aria-label="Pullboard">
      <span class="dock-brand">Pullboard</span>
      {state?.connected ? (
        <span class={over ? 'dock-wip at-limit' : 'dock-wip'} aria-label={`Work in progress ${state.wip} of ${state.wipLimit}`} title="Your tickets in progress / your WIP limit">
          WIP {state.wip}/{state.wipLimit}
        </span>
      ) : null}
      <button type="button" class="dock-button" onClick={() => void model.openBoard()}>
        Open board
      </button>
      {problem && (
        <span class="dock-problem" role="alert" title={problem}>
          {problem}
        </span>
      )}
    </aside>
  );
}
