import type { ConnectionView } from '../../utils/messages';

function where(view: ConnectionView): string {
  switch (view.kind) {
    case 'connectwise':
      return new URL(view.siteUrl).host;
    case 'autotask':
      return view.zoneUrl ? `Autotask (zone ${new URL(view.zoneUrl).host})` : 'Autotask';
    case 'halo':
      return new URL(view.url).host;
  }
}

function keysHint(view: ConnectionView): string {
  switch (view.kind) {
    case 'connectwise':
      return `Keys are stored (${view.publicKeyHint}); leave them blank to keep them.`;
    case 'autotask':
      return `Secret and integration code are stored (${view.secretHint}, ${view.integrationCodeHint}); leave them blank to keep them.`;
    case 'halo':
      return `The client secret is stored (${view.clientSecretHint}); leave it blank to keep it.`;
  }
}

const BOARD_WORD = { connectwise: 'board', autotask: 'queue', halo: 'team' } as const;

/** What is saved: where, as whom, which board; never a secret. */
export function SavedConnection({ view }: { view: ConnectionView }) {
  return (
    <>
      <p class={view.problem ? 'banner warn' : 'banner ok'} role="status">
        Connected to {where(view)} as <strong>{view.me ? `${view.me.name} (${view.me.identifier})` : 'you (loading…)'}</strong>
        {view.boardName ? `, ${BOARD_WORD[view.kind]} ${view.boardName}` : ''}. {keysHint(view)}
      </p>
      {view.problem && (
        <p class="banner error" role="alert">
          The last sync failed ({new Date(view.problem.at).toLocaleTimeString()}): {view.problem.message}
        </p>
      )}
    </>
  );
}
