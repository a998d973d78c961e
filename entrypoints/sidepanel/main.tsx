import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Board } from '../../components/board/Board';
import { createBoardModel } from '../../utils/ui/board-model';
import { createCacheFeed } from '../../utils/ui/board-feed-cache';
import '../../components/theme.css';
import '../../components/board/board.css';
import './sidepanel.css';

const model = createBoardModel(createCacheFeed());
model.listen();
void model.reloadAll();
render(<Board model={model} optionsUrl={browser.runtime.getURL('/options.html')} />, document.getElementById('app')!);
