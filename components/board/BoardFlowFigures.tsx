/** The board header's flow figures (lead-time p85 from history, today's arrivals and departures) and the way to Insights. */
import { useEffect, useState } from 'preact/hooks';
import { ask } from '../../utils/protocol/client';
import type { BoardHeadline } from '../../utils/flow/metrics/insights';
import { formatDuration } from '../../utils/flow/duration';

const REFRESH_MS = 60_000;

export function BoardFlowFigures({ ticketCount }: { ticketCount: number }) {
  const [figures, setFigures] = useState<BoardHeadline | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      ask({ type: 'insights.headline', offsetMinutes: -new Date().getTimezoneOffset() })
        .then((f) => live && setFigures(f))
        .catch(() => undefined); // the header simply shows no figures; the board itself reports sync problems
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [ticketCount]);
  return (
    <span class="board-flow" data-testid="board-flow">
      {figures && (
        <span title="Lead time: created to closed, over the last 90 days. Arrivals and departures: tickets created and closed today.">
          lead time p85 {figures.leadP85Ms === null ? '—' : formatDuration(figures.leadP85Ms)} · today {figures.arrivalsToday} in, {figures.departuresToday} out
        </span>
      )}
      <button type="button" class="link" onClick={() => void ask({ type: 'insights.open' }).catch(() => undefined)}>
        Insights
      </button>
    </span>
  );
}
