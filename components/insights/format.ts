/** How the Insights page writes figures. */
import { dayLabel } from '../../utils/flow/metrics/calendar';
import { DAY_MS } from '../../utils/flow/duration';

/** Hours with one decimal under 10 h, whole above: "2.5 h", "17 h"; days from 72 h. */
export function hours(ms: number | null): string {
  if (ms === null) return '—';
  const h = ms / 3_600_000;
  if (h >= 72) return `${(h / 24).toFixed(1)} d`;
  return h < 10 ? `${h.toFixed(1)} h` : `${Math.round(h)} h`;
}

export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/** `Fri 27 Nov` for a local day index. */
export function dayName(day: number): string {
  return new Date(day * DAY_MS).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export { dayLabel };

/** Local day index → seconds at that local midnight, shown as such by uPlot (x in seconds, drawn in UTC). */
export function daySeconds(day: number): number {
  return (day * DAY_MS) / 1000;
}
