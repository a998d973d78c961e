/** The shared journeys (test/e2e/journeys/) in Firefox, through the puppeteer-core driver over WebDriver BiDi. */
import { pullJourneys } from './journeys/pull';
import { boardJourneys } from './journeys/board';
import { backgroundJourneys } from './journeys/background';

pullJourneys('firefox');
boardJourneys('firefox');
backgroundJourneys('firefox');
