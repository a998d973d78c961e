/** The Insights page: filters, the headline figures, the charts, calibrated SLAs and forecasts. */
import { useMemo, useState } from 'preact/hooks';
import type { InsightsModel } from '../../utils/ui/insights-model';
import { PERIODS } from '../../utils/ui/insights-model';
import { ChartCard } from './ChartCard';
import { CalibratedSla } from './CalibratedSla';
import { Forecasts } from './Forecasts';
import { agingChart, arrivalsChart, cumulativeFlowChart, leadTimeChart, slaTrendChart, throughputChart } from './charts';
import { hours, percent } from './format';
import { metShare } from '../../utils/flow/metrics';
import { wordsOf } from '../../utils/psa/kinds';


function Filters({ model }: { model: InsightsModel }) {
  const f = model.filters.value;
  const ctx = model.context.value!;
  const { workflows, techs } = model.choices.value;
  const one = (values: string[]) => values[0] ?? '';
  return (
    <div class="insights-filters" role="group" aria-label="Filters">
      <select aria-label="Period" value={String(f.periodDays)} onChange={(e) => model.setFilters({ periodDays: Number((e.currentTarget as HTMLSelectElement).value) })}>
        {PERIODS.map((d) => (
          <option key={d} value={String(d)}>
            Last {d} days
          </option>
        ))}
      </select>
      <select aria-label="Priority" value={one(f.priorityIds)} onChange={(e) => model.setFilters({ priorityIds: pick(e) })}>
        <option value="">All priorities</option>
        {ctx.priorities.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <select aria-label="Workflow" value={one(f.workflows)} onChange={(e) => model.setFilters({ workflows: pick(e) })}>
        <option value="">All types</option>
        {workflows.map((w) => (
          <option key={w} value={w}>
            {w}
          </option>
        ))}
      </select>
      <select aria-label="Tech" value={one(f.assigneeIds)} onChange={(e) => model.setFilters({ assigneeIds: pick(e) })}>
        <option value="">All techs</option>
        {techs.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}

function pick(e: Event): string[] {
  const value = (e.currentTarget as HTMLSelectElement).value;
  return value ? [value] : [];
}

function BackfillStatus({ model }: { model: InsightsModel }) {
  const ctx = model.context.value!;
  const b = ctx.backfill;
  const psa = wordsOf(ctx.kind).product;
  if (!b) return <p class="banner warn" role="status">History from {psa} has not started loading yet: it starts within a minute of connecting.</p>;
  if (b.lastError) return <p class="banner error" role="alert">Loading history from {psa} stopped: {b.lastError} Pullboard tries again within a few minutes.</p>;
  if (!b.done) {
    const covered = Math.round((100 * (b.startedAt - b.nextBefore)) / Math.max(1, b.startedAt - b.from));
    return (
      <p class="banner warn" role="status">
        Loading 180 days of closed tickets from {psa}: {ctx.historyCount} so far ({covered}% of the days), {b.requests} requests. It is spread out over minutes so the {psa} API stays responsive for everyone; the charts fill in as it goes.
      </p>
    );
  }
  return (
    <p class="muted history-note" role="status">
      History: {ctx.historyCount} closed tickets from the last 180 days, loaded from {psa} in {b.requests} requests; new closures are added as they sync.
    </p>
  );
}

export function InsightsPage({ model }: { model: InsightsModel }) {
  const [which, setWhich] = useState<'lead' | 'cycle'>('lead');
  const [per, setPer] = useState<'day' | 'week'>('day');
  const ctx = model.context.value;
  const ins = model.insights.value;
  const charts = useMemo(() => (ins ? { lead: leadTimeChart(ins, which), throughput: throughputChart(ins, per), arrivals: arrivalsChart(ins), cfd: cumulativeFlowChart(ins), aging: agingChart(ins), sla: slaTrendChart(ins) } : null), [ins, which, per]);
  if (ctx === undefined) return <p class="muted">Reading history…</p>;
  if (ctx === null)
    return (
      <main class="insights">
        <h1>Insights</h1>
        {model.error.value ? <p class="banner error" role="alert">{model.error.value}</p> : <p class="banner warn">No PSA is connected yet. Connect one in Pullboard's options; its history loads from then on.</p>}
      </main>
    );
  return (
    <main class="insights">
      <header class="insights-header">
        <div>
          <h1>Insights</h1>
          <p class="muted">
            {wordsOf(ctx.kind).product} {wordsOf(ctx.kind).board} {ctx.boardName ?? ''}
          </p>
        </div>
        <Filters model={model} />
      </header>
      {model.error.value && <p class="banner error" role="alert">{model.error.value}</p>}
      <BackfillStatus model={model} />
      {ins && charts && (
        <>
          <dl class="headline">
            <div>
              <dt>Lead time p85</dt>
              <dd>{hours(ins.lead.overall.p85)}</dd>
            </div>
            <div>
              <dt>Closed</dt>
              <dd>{ins.closedCount}</dd>
            </div>
            <div>
              <dt>Open now</dt>
              <dd>{ins.openCount}</dd>
            </div>
            <div>
              <dt>Resolution SLA met</dt>
              <dd>{percent(metShare(ins.sla.overall.resolution))}</dd>
            </div>
            <div>
              <dt>First response p85</dt>
              <dd>{hours(ins.firstResponse.overall.p85)}</dd>
            </div>
          </dl>
          <div class="chart-grid">
            <div class="wide">
              <div class="chart-switch" role="group" aria-label="Lead or cycle time">
                <button type="button" aria-pressed={which === 'lead'} onClick={() => setWhich('lead')}>Lead time</button>
                <button type="button" aria-pressed={which === 'cycle'} onClick={() => setWhich('cycle')}>Cycle time</button>
              </div>
              <ChartCard {...charts.lead} height={300} />
            </div>
            <CalibratedSla rows={ins.calibrated} tickets={model.ticketsById.value} />
            <div>
              <div class="chart-switch" role="group" aria-label="Throughput per day or week">
                <button type="button" aria-pressed={per === 'day'} onClick={() => setPer('day')}>Per day</button>
                <button type="button" aria-pressed={per === 'week'} onClick={() => setPer('week')}>Per week</button>
              </div>
              <ChartCard {...charts.throughput} />
            </div>
            <ChartCard {...charts.arrivals} />
            <ChartCard {...charts.cfd} />
            <ChartCard {...charts.aging} />
            <ChartCard {...charts.sla} />
            <ChartCard
              id="first-response"
              title="Time to first response"
              summary={`Of ${ins.firstResponse.overall.count} tickets with a recorded response, 85% had it within ${hours(ins.firstResponse.overall.p85)}.`}
              table={{ header: ['Priority', 'Tickets', 'p50', 'p85', 'p95'], rows: [['All', ins.firstResponse.overall.count, hours(ins.firstResponse.overall.p50), hours(ins.firstResponse.overall.p85), hours(ins.firstResponse.overall.p95)], ...ins.firstResponse.byPriority.map((g) => [g.label, g.count, hours(g.p50), hours(g.p85), hours(g.p95)])] }}
            />
            <Forecasts insights={ins} items={ins.forecast.when?.items ?? model.forecastItems.value ?? Math.max(1, ins.openCount)} onItems={(n) => (model.forecastItems.value = n)} />
          </div>
        </>
      )}
    </main>
  );
}
