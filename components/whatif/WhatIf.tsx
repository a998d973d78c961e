import { useMemo } from 'preact/hooks';
import type { DeskHistory, PolicyResult, WhatIfParams } from '../../utils/whatif';
import { createWhatIfModel, type WhatIfModel } from '../../utils/ui/whatif-model';
import { WhatIfChart } from './WhatIfChart';
import { WhatIfParamsForm } from './WhatIfParamsForm';

export interface WhatIfProps {
  /** The desk's history: buildDeskHistory(...) over the team's tickets, time entries and transitions. */
  history: DeskHistory;
  params?: Partial<WhatIfParams>;
  /** Which of the last N days to replay first (null: the whole history). */
  days?: number | null;
}

const show = (value: number | null, unit: string) => (value === null ? '–' : `${value}${unit}`);

const ROWS: { label: string; value: (r: PolicyResult) => string }[] = [
  { label: 'Lead time p50', value: (r) => show(r.leadP50Hours, ' h') },
  { label: 'Lead time p85', value: (r) => show(r.leadP85Hours, ' h') },
  { label: 'Response SLA met', value: (r) => show(r.respondMetPct, ' %') },
  { label: 'Resolution SLA met', value: (r) => show(r.resolveMetPct, ' %') },
  { label: 'Waited unowned', value: (r) => `${r.waitedUnowned} tickets, longest ${r.longestUnownedHours} business h` },
  { label: 'Oldest open at the end', value: (r) => (r.oldestOpen === null ? 'none' : `${r.oldestOpen.number}, ${r.oldestOpen.ageHours} h`) },
  { label: 'Oldest any ticket got', value: (r) => `${r.maxAgeHours} h` },
  { label: 'Switches per tech-day', value: (r) => String(r.switchesPerTechDay) },
  { label: 'Finished · open at the end', value: (r) => `${r.finished} · ${r.openAtEnd}` },
  { label: 'Throughput', value: (r) => `${r.throughputPerWeek} a week` },
];

/** "What if we had pulled?": the desk's own history replayed under push and pull, side by side. */
export function WhatIf({ history, params, days = null }: WhatIfProps) {
  const model = useMemo(() => createWhatIfModel(history, params, days), [history]);
  return (
    <section class="whatif" aria-labelledby="whatif-title">
      <h2 id="whatif-title">What if we had pulled?</h2>
      <WhatIfParamsForm model={model} />
      <WhatIfOutcome model={model} />
    </section>
  );
}

function WhatIfOutcome({ model }: { model: WhatIfModel }) {
  const result = model.result.value;
  if (result === null) {
    return <p class="banner warn" role="status">No tickets in this window to replay: choose a longer window, or wait until the board has some history.</p>;
  }
  const { window } = result;
  return (
    <div class="whatif-result">
      <p class="whatif-window">
        {window.tickets} tickets over {window.days} days ({window.businessDays} business days), {window.techs} techs, from{' '}
        {new Date(window.from).toISOString().slice(0, 10)} to {new Date(window.to).toISOString().slice(0, 10)}.
      </p>
      <table class="whatif-table">
        <thead>
          <tr>
            <th scope="col"></th>
            {result.results.map((r) => <th scope="col" key={r.policy}>{r.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {result.results.map((r) => <td key={r.policy}>{row.value(r)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      <WhatIfChart results={result.results} />
      <ul class="whatif-verdict" aria-label="Verdict">
        {result.verdict.map((line) => <li key={line}>{line}</li>)}
      </ul>
      <h3>Assumptions</h3>
      <ul class="whatif-assumptions">
        {result.assumptions.map((line) => <li key={line}>{line}</li>)}
      </ul>
    </div>
  );
}
