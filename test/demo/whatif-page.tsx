/** A plain page that shows the WhatIf component on a desk history the demo hands it. */
import { render } from 'preact';
import { WhatIf } from '../../components/whatif/WhatIf';
import type { DeskHistory } from '../../utils/whatif';

const desk = (window as unknown as { __PULLBOARD_DESK__: DeskHistory }).__PULLBOARD_DESK__;
render(<WhatIf history={desk} />, document.getElementById('app')!);
