import type { PolicyResult } from '../../utils/whatif';

const WIDTH = 520;
const BAR = 22;
const GAP = 10;
const LABEL = 130;

/** Lead time p50 and p85 per policy, as horizontal bars: plain SVG, text as text. */
export function WhatIfChart({ results }: { results: readonly PolicyResult[] }) {
  const max = Math.max(1, ...results.map((r) => r.leadP85Hours ?? 0));
  const scale = (hours: number | null) => ((hours ?? 0) / max) * (WIDTH - LABEL - 100);
  const rowHeight = 2 * BAR + GAP;
  const height = results.length * rowHeight + 24;
  return (
    <figure class="whatif-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} role="img" aria-label="Lead time p50 and p85 by policy, in hours">
        {results.map((r, i) => {
          const y = i * rowHeight;
          return (
            <g key={r.policy}>
              <text x={0} y={y + BAR + 4} class="whatif-chart-label">{r.label}</text>
              <rect x={LABEL} y={y} width={scale(r.leadP50Hours)} height={BAR - 4} class="whatif-bar p50" />
              <text x={LABEL + scale(r.leadP50Hours) + 6} y={y + BAR - 8} class="whatif-chart-value">p50 {r.leadP50Hours ?? '–'} h</text>
              <rect x={LABEL} y={y + BAR} width={scale(r.leadP85Hours)} height={BAR - 4} class="whatif-bar p85" />
              <text x={LABEL + scale(r.leadP85Hours) + 6} y={y + 2 * BAR - 8} class="whatif-chart-value">p85 {r.leadP85Hours ?? '–'} h</text>
            </g>
          );
        })}
      </svg>
      <figcaption>Lead time, created → finished (hours)</figcaption>
    </figure>
  );
}
