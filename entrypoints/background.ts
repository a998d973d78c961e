import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { classifySender, handleMessage } from '../utils/background/router';
import { acceptPagePort, ensurePollAlarm, POLL_ALARM, syncAll } from '../utils/background/service';
import { OUTBOX_ALARM, runOutbox } from '../utils/background/outbox-runner';
import { applyIdleInterval, onIdleStateChanged } from '../utils/background/time-keeping';
import { WORK_PORT } from '../utils/protocol/channels';
import { syncSelfHostedScripts } from '../utils/background/content-scripts';
import { loadConnections } from '../utils/background/connections';
import { ensureHistoryAlarm, HISTORY_ALARM, runAllHistory } from '../utils/background/history';

/** Where the browser has it (Chrome 102+; Firefox has none, and keeps no secret there either). */
async function restrictStorageToExtension(): Promise<void> {
  const local = (globalThis as { chrome?: { storage?: { local?: { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> } } } }).chrome?.storage?.local;
  await local?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
}

export default defineBackground(() => {
  // Listeners are registered synchronously so a restarted service worker hears the event that woke it.
  // Chrome shows storage.local to content scripts unless told not to: nothing secret is kept there, and nothing of it is theirs.
  void restrictStorageToExtension();
  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender));
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== WORK_PORT) return port.disconnect();
    void classifySender(port.sender ?? {}).then((caller) => acceptPagePort(port, caller !== null));
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) void syncAll();
    if (alarm.name === OUTBOX_ALARM) void runOutbox().catch(() => undefined);
    if (alarm.name === HISTORY_ALARM) void runAllHistory();
  });
  browser.idle.onStateChanged.addListener((state) => void onIdleStateChanged(state));
  // Back online: whatever waited in the outbox goes now, not at its next backoff.
  self.addEventListener('online', () => void runOutbox().catch(() => undefined));
  browser.runtime.onInstalled.addListener(() => {
    void ensurePollAlarm();
    // Self-hosted servers' docks, in case an update dropped their registrations.
    void loadConnections().then(syncSelfHostedScripts).catch(() => undefined);
  });
  browser.runtime.onStartup.addListener(() => void ensurePollAlarm());
  void ensurePollAlarm();
  void ensureHistoryAlarm();
  void applyIdleInterval();
  // A worker that was stopped mid-write finishes (or checks) it now.
  void runOutbox().catch(() => undefined);
});
