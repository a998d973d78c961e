/**
 * Counts an adapter's requests over a rolling hour and keeps a moving average of how long answers take,
 * so the poller can slow down before a PSA's budget runs out (Autotask: 10,000 requests an hour per
 * database, shared by every integration; past it, answers get slower, then the API is suspended).
 */
import type { HttpDeps, RequestEvent } from '../http';

export interface RequestRate {
  /** Requests sent in the last 60 minutes (retries included). */
  lastHour: number;
  lastMinute: number;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

export class RequestMeter {
  /** Send times, oldest first. */
  private readonly sent: number[] = [];
  private average: number | null = null;

  /** `weight`: how much the newest answer moves the average (0.2: roughly the last ten answers count). */
  constructor(
    private readonly now: () => number,
    private readonly weight = 0.2,
  ) {}

  record(event: RequestEvent): void {
    this.sent.push(this.now());
    this.prune();
    // A request that never got an answer says nothing about how fast the PSA answers.
    if (event.status > 0) {
      this.average = this.average === null ? event.ms : this.average + this.weight * (event.ms - this.average);
    }
  }

  rate(): RequestRate {
    this.prune();
    const minuteAgo = this.now() - MINUTE;
    let lastMinute = 0;
    for (let i = this.sent.length - 1; i >= 0 && this.sent[i]! > minuteAgo; i--) lastMinute++;
    return { lastHour: this.sent.length, lastMinute };
  }

  /** Moving average of answer times in milliseconds; null before the first answer. */
  latencyMs(): number | null {
    return this.average === null ? null : Math.round(this.average);
  }

  /** The same deps, with every request also counted here. */
  wrap(deps: HttpDeps): HttpDeps {
    return {
      ...deps,
      onRequest: (event) => {
        this.record(event);
        deps.onRequest?.(event);
      },
    };
  }

  private prune(): void {
    const hourAgo = this.now() - HOUR;
    let drop = 0;
    while (drop < this.sent.length && this.sent[drop]! <= hourAgo) drop++;
    if (drop > 0) this.sent.splice(0, drop);
  }
}
