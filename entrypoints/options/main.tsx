import { render } from 'preact';
import { ConnectionForm } from '../../components/options/ConnectionForm';
import { WorkSettingsForm } from '../../components/options/WorkSettingsForm';
import { createConnectionModel } from '../../utils/ui/connection-model';
import { BoardDesigner } from '../../components/options/BoardDesigner';
import { createBoardDesignerModel } from '../../utils/ui/board-designer-model';
import { createBoardModel } from '../../utils/ui/board-model';
import { createCacheFeed } from '../../utils/ui/board-feed-cache';
import '../../components/theme.css';
import './options.css';
import '../../components/board/board.css';
import '../../components/options/board-designer.css';

const connection = createConnectionModel();
connection.listen();
void connection.load().catch((e: Error) => (connection.error.value = e.message));

// The board designer, and a preview of the board it describes (the same board the side panel shows).
const designer = createBoardDesignerModel();
designer.listen();
void designer.load();
const preview = createBoardModel(createCacheFeed(), { preview: () => designer.draft.value, previewBoardId: () => designer.selectedId.value, marks: false });
preview.listen();
void preview.reloadAll();

function Options() {
  return (
    <main class="options">
      <header>
        <h1>Pullboard</h1>
        <p class="lede">Pull next, WIP limits and a flow board inside your PSA. Connect with your own API keys: Pullboard has no server, and your keys never leave this browser's extension storage.</p>
        <p><a href="/insights.html" target="_blank" rel="noreferrer">Insights: flow metrics, calibrated SLAs and forecasts</a></p>
      </header>
      <ConnectionForm model={connection} />
      <WorkSettingsForm />
      <BoardDesigner model={designer} preview={preview} />
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
