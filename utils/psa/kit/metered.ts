/**
 * An adapter whose every request is counted, so the poller can slow down before the PSA's budget runs out
 * (Autotask: 10,000 requests an hour per database, shared by every integration) or when its answers slow.
 */
import type { HttpDeps } from '../http';
import { RequestMeter, type RequestRate } from './request-meter';

export abstract class MeteredAdapter {
  /** The deps every request goes through: counted, and with the PSA's own `fetch` quirks handled. */
  protected readonly deps: HttpDeps;
  private readonly meter: RequestMeter;

  constructor(deps: HttpDeps, psaFetch: (fetch: HttpDeps['fetch']) => HttpDeps['fetch']) {
    this.meter = new RequestMeter(deps.now);
    this.deps = this.meter.wrap({ ...deps, fetch: psaFetch(deps.fetch) });
  }

  /** Requests this adapter sent in the last hour and minute (PSA budgets are per rolling hour). */
  requestRate(): RequestRate {
    return this.meter.rate();
  }

  /** Moving average of answer times: a PSA near its budget answers slower. */
  latencyMs(): number | null {
    return this.meter.latencyMs();
  }
}
