/**
 * Calibrated SLAs per priority: what the team delivers (p85) beside what the SLA promises, how often it
 * was missed, and the suggested internal target; the tickets behind each number a click away.
 */
import { useState } from 'preact/hooks';
import { calibrationSentence, type CalibratedPriority, type ClosedTicket } from '../../utils/flow/metrics';
import { downloadCsv, toCsv } from '../../utils/ui/csv';
import { hours, percent } from './format';

interface Shown {
  title: string;
  ids: string[];
}

export function CalibratedSla({ rows, tickets }: { rows: CalibratedPriority[]; tickets: Map<string, ClosedTicket> }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const list = (title: string, ids: string[]) => (
    <button type="button" class="link" disabled={ids.length === 0} onClick={() => setShown({ title, ids })} aria-label={`${title}: list the ${ids.length} tickets`}>
      {ids.length}
    </button>
  );
  const csv = () =>
    toCsv(
      ['Priority', 'Resolved tickets', 'Resolution p85 h', 'SLA promises h', 'Missed', 'With a target', 'Suggested internal target h', 'Response p85 h', 'Response promise h', 'Suggested response target h'],
      rows.map((r) => [r.priorityName, r.resolution.count, h(r.resolution.p85), h(r.resolution.promisedMs), r.resolution.missed, r.resolution.withTarget, h(r.resolution.suggestedMs), h(r.response.p85), h(r.response.promisedMs), h(r.response.suggestedMs)]),
    );
  return (
    <section class="chart-card calibrated" aria-labelledby="calibrated-title" data-chart="calibrated-sla">
      <h2 id="calibrated-title">Calibrated SLAs (last 90 days)</h2>
      <p class="chart-summary">What the team measurably delivers, beside what the SLA promises. The suggested internal target is the 85th percentile, rounded up: a target the team keeps 85% of the time. The contractual SLA stays as agreed.</p>
      {rows.length === 0 ? (
        <p class="chart-empty">No closed tickets with a priority in the last 90 days yet.</p>
      ) : (
        <>
          <ul class="calibration-sentences">
            {rows.map((r) => (
              <li key={r.priorityId}>{calibrationSentence(r)}.</li>
            ))}
          </ul>
          <div class="table-wrap">
            <table>
              <caption class="sr-only">Calibrated SLAs per priority</caption>
              <thead>
                <tr>
                  <th scope="col">Priority</th>
                  <th scope="col">Resolved</th>
                  <th scope="col">85% resolved within</th>
                  <th scope="col">SLA promises</th>
                  <th scope="col">Missed</th>
                  <th scope="col">Suggested internal target</th>
                  <th scope="col">85% first response within</th>
                  <th scope="col">Response SLA</th>
                  <th scope="col">Suggested response target</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.priorityId}>
                    <th scope="row">{r.priorityName}</th>
                    <td>{list(`${r.priorityName} tickets resolved`, r.resolution.ticketIds)}</td>
                    <td>{hours(r.resolution.p85)}</td>
                    <td>{hours(r.resolution.promisedMs)}</td>
                    <td>
                      {list(`${r.priorityName} tickets that missed the resolution SLA`, r.resolution.missedIds)}
                      {r.resolution.withTarget > 0 && <span class="muted"> ({percent(r.resolution.missed / r.resolution.withTarget)})</span>}
                    </td>
                    <td class="suggested">{hours(r.resolution.suggestedMs)}</td>
                    <td>{hours(r.response.p85)}</td>
                    <td>{hours(r.response.promisedMs)}</td>
                    <td class="suggested">{hours(r.response.suggestedMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div class="chart-actions">
        <button type="button" onClick={() => downloadCsv('pullboard-calibrated-sla.csv', csv())}>
          Download CSV
        </button>
      </div>
      {shown && (
        <div class="ticket-list" role="region" aria-label={shown.title}>
          <h3>
            {shown.title} ({shown.ids.length})
          </h3>
          <button type="button" onClick={() => setShown(null)}>
            Close list
          </button>
          <ul>
            {shown.ids.map((id) => {
              const t = tickets.get(id);
              if (!t) return null;
              return (
                <li key={id}>
                  <a href={t.url} target="_blank" rel="noopener noreferrer">
                    {t.number}
                  </a>{' '}
                  <span class="muted">
                    resolved in {hours(t.closedAt - t.created)}
                    {t.resolveBy !== null && (t.closedAt > t.resolveBy ? ', SLA missed' : ', SLA met')}
                    {t.assignee ? ` · ${t.assignee.name}` : ''}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}

const h = (ms: number | null) => (ms === null ? null : +(ms / 3_600_000).toFixed(2));

