/**
 * One chart: a uPlot canvas (hidden from screen readers), the same figures as a table (visually hidden
 * until asked for, always read by screen readers), and a CSV of the full data.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { downloadCsv, toCsv, type CsvCell } from '../../utils/ui/csv';

export interface ChartTable {
  header: string[];
  rows: CsvCell[][];
}

export interface ChartCardProps {
  id: string;
  title: string;
  /** One sentence the chart says, for everyone. */
  summary: string;
  /** uPlot's options without size, and its data; null: nothing to draw yet; absent: a table, no chart. */
  plot?: { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData } | null;
  table: ChartTable;
  /** The full data behind the chart (the table may summarise). Default: the table. */
  csv?: () => ChartTable;
  height?: number;
}

/** Set when the first chart has drawn: what the bench's first-paint figure waits for. */
function markFirstDraw(): void {
  if (document.documentElement.dataset.firstChartMs) return;
  document.documentElement.dataset.firstChartMs = String(Math.round(performance.now()));
}

export function ChartCard({ id, title, summary, plot, table, csv, height = 240 }: ChartCardProps) {
  const box = useRef<HTMLDivElement>(null);
  const tableOnly = plot === undefined;
  const [showTable, setShowTable] = useState(tableOnly);
  useEffect(() => {
    const el = box.current;
    if (!el || !plot) return;
    const width = Math.max(280, el.clientWidth);
    const chart = new uPlot({ ...plot.options, width, height, hooks: { ...plot.options.hooks, draw: [...(plot.options.hooks?.draw ?? []), markFirstDraw] } }, plot.data, el);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(280, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [plot, height]);
  const full = () => (csv ? csv() : table);
  return (
    <section class="chart-card" aria-labelledby={`${id}-title`} data-chart={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p class="chart-summary">{summary}</p>
      {plot ? <div class="chart" ref={box} aria-hidden="true" /> : plot === null && <p class="chart-empty">Not enough history for this chart yet.</p>}
      <div class="chart-actions">
        {!tableOnly && (
          <button type="button" aria-pressed={showTable} onClick={() => setShowTable(!showTable)}>
            {showTable ? 'Hide table' : 'Show table'}
          </button>
        )}
        <button type="button" onClick={() => {
          const { header, rows } = full();
          downloadCsv(`pullboard-${id}.csv`, toCsv(header, rows));
        }}>
          Download CSV
        </button>
      </div>
      <div class={showTable ? 'table-wrap' : 'table-wrap sr-only'}>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>{table.header.map((h) => <th scope="col" key={h}>{h}</th>)}</tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>{row.map((cell, j) => (j === 0 ? <th scope="row" key={j}>{cell ?? ''}</th> : <td key={j}>{cell ?? '—'}</td>))}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
