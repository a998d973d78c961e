import { render } from 'preact';
import { ConnectionForm } from '../../components/options/ConnectionForm';
import { WorkSettingsForm } from '../../components/options/WorkSettingsForm';
import { createConnectionModel } from '../../utils/ui/connection-model';
import '../../components/theme.css';
import './options.css';

const connection = createConnectionModel();
connection.listen();
void connection.load().catch((e: Error) => (connection.error.value = e.message));

function Options() {
  return (
    <main class="options">
      <header>
        <h1>Pullboard</h1>
        <p class="lede">Pull next, WIP limits and a flow board inside your PSA. Connect with your own API keys: Pullboard has no server, and your keys never leave this browser's extension storage.</p>
      </header>
      <ConnectionForm model={connection} />
      <WorkSettingsForm />
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
