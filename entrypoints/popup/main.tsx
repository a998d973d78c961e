import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import { createWorkModel } from '../../utils/ui/work-model';
import { CACHE_CHANNEL } from '../../utils/protocol/channels';
import '../../components/theme.css';
import './popup.css';

const model = createWorkModel();
void model.refresh();
model.tick();
// The background says when work changed (a pull, a timer, a sync); the popup re-reads then.
new BroadcastChannel(CACHE_CHANNEL).onmessage = () => void model.refresh();
render(<Popup model={model} optionsUrl={browser.runtime.getURL('/options.html')} insightsUrl={browser.runtime.getURL('/insights.html')} />, document.getElementById('app')!);
