import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Board } from '../../components/board/Board';
import { createBoardModel } from '../../utils/ui/board-model';
import { createCacheFeed } from '../../utils/ui/board-feed-cache';
import { localFirstScreenStore } from '../../utils/ui/board-first-screen';
import '../../components/theme.css';
import '../../components/board/board.css';
import './sidepanel.css';

// The side panel keeps its last first screen, so a board of thousands of tickets paints before the cache is read.
const model = createBoardModel(createCacheFeed(), { firstScreen: localFirstScreenStore() });
model.listen();
void model.reloadAll();
render(<Board model={model} optionsUrl={browser.runtime.getURL('/options.html')} />, document.getElementById('app')!);
