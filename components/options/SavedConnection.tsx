import { psaKind, type ConnectionView } from '../../utils/psa/kinds';

/** What is saved: where, as whom, which board; never a secret. */
export function SavedConnection({ view }: { view: ConnectionView }) {
  const psa = psaKind(view.kind);
  return (
    <>
      <p class={view.problem ? 'banner warn' : 'banner ok'} role="status">
        Connected to {psa.where(view)} as <strong>{view.me ? `${view.me.name} (${view.me.identifier})` : 'you (loading…)'}</strong>
        {view.boardName ? `, ${psa.words.board} ${view.boardName}` : ''}. {psa.keysHint(view)}
      </p>
      {view.problem && (
        <p class="banner error" role="alert">
          The last sync failed ({new Date(view.problem.at).toLocaleTimeString()}): {view.problem.message}
        </p>
      )}
    </>
  );
}
