import { render } from 'preact';
import { ConnectionForm } from '../../components/options/ConnectionForm';
import { WorkSettingsForm } from '../../components/options/WorkSettingsForm';
import { createConnectionModel } from '../../utils/ui/connection-model';
import { BoardDesigner } from '../../components/options/BoardDesigner';
import { createBoardDesignerModel } from '../../utils/ui/board-designer-model';
import { createBoardModel } from '../../utils/ui/board-model';
import { createCacheFeed } from '../../utils/ui/board-feed-cache';
import { ManagedSettings } from '../../components/options/ManagedSettings';
import { effect } from '@preact/signals';
import { managedBoardFile, managedBoardMark, managedConnectionFields, managedSettingKeys, readManagedPolicy, type ManagedRead } from '../../utils/managed/managed-settings';
import '../../components/theme.css';
import './options.css';
import '../../components/board/board.css';
import '../../components/options/board-designer.css';

const connection = createConnectionModel();
connection.listen();
const connectionLoaded = connection.load().catch((e: Error) => void (connection.error.value = e.message));

// The board designer, and a preview of the board it describes (the same board the side panel shows).
const designer = createBoardDesignerModel();
designer.listen();
void designer.load();
const preview = createBoardModel(createCacheFeed(), { preview: () => designer.draft.value, previewBoardId: () => designer.selectedId.value, marks: false });
preview.listen();
void preview.reloadAll();

function Options({ managed }: { managed: ManagedRead }) {
  const fields = managedConnectionFields(managed.policy.psa);
  return (
    <main class="options">
      <header>
        <h1>Pullboard</h1>
        <p class="lede">Pull next, WIP limits and a flow board inside your PSA. Connect with your own API keys: Pullboard has no server, and your keys never leave this browser's extension storage.</p>
        <p><a href="/insights.html" target="_blank" rel="noreferrer">Insights: flow metrics, calibrated SLAs and forecasts</a></p>
      </header>
      <ManagedSettings managed={managed} />
      <ConnectionForm model={connection} managed={fields} managedKind={managed.policy.psa !== undefined} />
      <WorkSettingsForm locked={managedSettingKeys(managed.policy)} />
      <BoardDesigner model={designer} preview={preview} />
    </main>
  );
}

// The MSP's policy fills in and locks what it sets: the PSA and its address here, the rest in the background.
void Promise.all([readManagedPolicy(), connectionLoaded]).then(([managed]) => {
  const psa = managed.policy.psa;
  if (psa) {
    connection.chooseKind(psa.kind);
    for (const [field, value] of Object.entries(managedConnectionFields(psa))) connection.setField(field, value ?? '');
  }
  applyManagedBoard(managed);
  render(<Options managed={managed} />, document.getElementById('app')!);
});

/** The policy's board configuration, imported through the designer (checked whole, its outcome shown there). */
function applyManagedBoard(managed: ManagedRead): void {
  if (!managed.policy.boardConfig && !managed.policy.boardConfigUrl) return;
  let started = false;
  effect(() => {
    const connectionId = designer.view.value?.connectionId;
    if (!connectionId || started) return;
    started = true;
    void managedBoardFile(managed.policy)
      .then(async (file) => {
        const mark = file && managedBoardMark(connectionId, file.text);
        if (!file || localStorage.getItem('pullboard.managed-board') === mark) return;
        await designer.importFile(file.name, file.text);
        if (!designer.message.value || designer.message.value.ok) localStorage.setItem('pullboard.managed-board', mark!);
      })
      .catch((error: Error) => (designer.message.value = { ok: false, text: error.message, from: 'transfer' }));
  });
}
