import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handleMessage } from '../utils/background/router';
import { ensurePollAlarm, POLL_ALARM, syncAll } from '../utils/background/service';

export default defineBackground(() => {
  // Listeners are registered synchronously so a restarted service worker hears the event that woke it.
  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) void syncAll();
  });
  browser.runtime.onInstalled.addListener(() => void ensurePollAlarm());
  browser.runtime.onStartup.addListener(() => void ensurePollAlarm());
  void ensurePollAlarm();
});
