/** The shared journeys (test/e2e/journeys/) in Chromium, through the playwright-core driver. */
import { pullJourneys } from './journeys/pull';
import { boardJourneys } from './journeys/board';
import { backgroundJourneys } from './journeys/background';

pullJourneys('chromium');
boardJourneys('chromium');
backgroundJourneys('chromium');
