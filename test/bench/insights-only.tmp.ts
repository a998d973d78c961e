import 'fake-indexeddb/auto';
import { measureInsights } from './insights';
measureInsights().then((f) => console.log(JSON.stringify(f, null, 1))).catch((e) => { console.error(e); process.exit(1); });
