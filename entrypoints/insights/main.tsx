import { render } from 'preact';
import { InsightsPage } from '../../components/insights/InsightsPage';
import { createInsightsModel } from '../../utils/ui/insights-model';
import { CACHE_CHANNEL } from '../../utils/protocol/channels';
import { type CacheEvent } from '../../utils/protocol/answers';
import '../../components/theme.css';
import '../../components/insights/insights.css';

const model = createInsightsModel();
void model.load().then(() => model.followBackfill());
// A sync that closed tickets or a new connection: read the history again (at most every 30 s).
let last = 0;
new BroadcastChannel(CACHE_CHANNEL).onmessage = (event: MessageEvent<CacheEvent>) => {
  if (event.data.type !== 'tickets' && event.data.type !== 'connections') return;
  if (Date.now() - last < 30_000) return;
  last = Date.now();
  void model.load();
};
render(<InsightsPage model={model} />, document.getElementById('app')!);
