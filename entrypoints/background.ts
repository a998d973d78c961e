import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { classifySender, handleMessage } from '../utils/background/router';
import { acceptPagePort, ensurePollAlarm, POLL_ALARM, syncAll } from '../utils/background/service';
import { WORK_PORT } from '../utils/messages';

export default defineBackground(() => {
  // Listeners are registered synchronously so a restarted service worker hears the event that woke it.
  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender));
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== WORK_PORT) return port.disconnect();
    void classifySender(port.sender ?? {}).then((kind) => acceptPagePort(port, kind !== null));
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) void syncAll();
  });
  browser.runtime.onInstalled.addListener(() => void ensurePollAlarm());
  browser.runtime.onStartup.addListener(() => void ensurePollAlarm());
  void ensurePollAlarm();
});
