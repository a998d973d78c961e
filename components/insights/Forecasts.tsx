/** Monte Carlo forecasts, in likelihoods: "how many by Friday" and "when will these N be done". */
import type { Insights } from '../../utils/flow/metrics';
import { dayName } from './format';

export function Forecasts({ insights, items, onItems }: { insights: Insights; items: number; onItems: (n: number) => void }) {
  const { howMany, when, byDay, sampleDays } = insights.forecast;
  const today = insights.period.lastDay;
  const pct = (c: number) => `${Math.round(c * 100)}%`;
  return (
    <section class="chart-card" aria-labelledby="forecast-title" data-chart="forecast">
      <h2 id="forecast-title">Forecasts</h2>
      <p class="chart-summary">10,000 simulated futures, each day drawn from one of the last {sampleDays} days' throughput. Likelihoods, not promises.</p>
      <div class="forecasts">
        <div>
          <h3>How many tickets by {byDay === today ? 'the end of today' : dayName(byDay)}?</h3>
          {howMany === null ? (
            <p class="chart-empty">No throughput history yet.</p>
          ) : (
            <ul>
              {howMany.atLeast.map((l) => (
                <li key={l.confidence}>
                  <strong>{pct(l.confidence)} likely:</strong> at least {l.value} tickets closed
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>
            When will{' '}
            <input type="number" min={1} max={5000} value={items} aria-label="How many tickets" onChange={(e) => onItems(Math.max(1, Math.min(5000, Number((e.currentTarget as HTMLInputElement).value) || 1)))} />{' '}
            tickets be done?
          </h3>
          {when === null ? (
            <p class="chart-empty">Nothing was closed in the last {sampleDays} days: no forecast can be drawn from that.</p>
          ) : (
            <ul>
              {when.withinDays.map((l) => (
                <li key={l.confidence}>
                  <strong>{pct(l.confidence)} likely:</strong> {l.value === null ? 'not within a year at the recent pace' : `done by ${dayName(today + l.value)}`}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
