/** The Insights requests' handlers, registered in the handler table with one line. */
import { backfillNow, headline, insightsContext, openInsights } from './insights';

export const insightsHandlers = {
  'insights.history': () => insightsContext(),
  'insights.backfill': () => backfillNow(),
  'insights.headline': ({ offsetMinutes }: { offsetMinutes: number }) => headline(offsetMinutes),
  'insights.open': () => openInsights(),
};
