/**
 * Monte Carlo forecasts over recent daily throughput: each run draws a past day's throughput at random
 * for every future day. Seeded (mulberry32), so the same history and seed give the same forecast.
 * Results are read as likelihoods: "85% likely: at least 42 tickets by Friday", "85% likely: these 12
 * done by 9 Dec" — never as a promise.
 */
import { percentileOfSorted } from './percentiles';

export const FORECAST_RUNS = 10_000;
export const FORECAST_CONFIDENCES = [0.5, 0.85, 0.95] as const;
/** No forecast looks further than this: a run that has not finished by then counts as "later". */
export const FORECAST_HORIZON_DAYS = 365;

/** mulberry32: a small, fast, well-distributed 32-bit generator; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Likelihood {
  confidence: number;
  value: number;
}

export interface HowManyForecast {
  days: number;
  runs: number;
  /** At each confidence: at least this many tickets done (that share of runs did at least as many). */
  atLeast: Likelihood[];
}

/** How many tickets will be done in the next `days` days. Null without any throughput history. */
export function forecastHowMany(dailyThroughput: readonly number[], days: number, seed: number, runs = FORECAST_RUNS): HowManyForecast | null {
  if (dailyThroughput.length === 0 || days < 0) return null;
  const random = seededRandom(seed);
  const samples = Int32Array.from(dailyThroughput);
  const totals = new Float64Array(runs);
  for (let run = 0; run < runs; run++) {
    let total = 0;
    for (let d = 0; d < days; d++) total += samples[Math.floor(random() * samples.length)]!;
    totals[run] = total;
  }
  totals.sort();
  // "At least X with 85% likelihood": 85% of runs did X or more, so X is the 15th percentile.
  return { days, runs, atLeast: FORECAST_CONFIDENCES.map((confidence) => ({ confidence, value: percentileOfSorted(totals, 1 - confidence) ?? 0 })) };
}

export interface WhenForecast {
  items: number;
  runs: number;
  /** At each confidence: done within this many days (that share of runs finished by then); null beyond the horizon. */
  withinDays: { confidence: number; value: number | null }[];
}

/** How many days until `items` more tickets are done. Null when nothing was ever closed (no run would end). */
export function forecastWhen(dailyThroughput: readonly number[], items: number, seed: number, runs = FORECAST_RUNS): WhenForecast | null {
  if (dailyThroughput.length === 0 || !dailyThroughput.some((n) => n > 0) || items < 0) return null;
  const random = seededRandom(seed);
  const samples = Int32Array.from(dailyThroughput);
  const days = new Float64Array(runs);
  for (let run = 0; run < runs; run++) {
    let done = 0;
    let day = 0;
    while (done < items && day <= FORECAST_HORIZON_DAYS) {
      done += samples[Math.floor(random() * samples.length)]!;
      day++;
    }
    days[run] = done >= items ? day : Infinity;
  }
  days.sort();
  return {
    items,
    runs,
    withinDays: FORECAST_CONFIDENCES.map((confidence) => {
      const value = percentileOfSorted(days, confidence);
      return { confidence, value: value === null || !Number.isFinite(value) ? null : value };
    }),
  };
}
