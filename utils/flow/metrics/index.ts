/** Flow metrics: pure functions over closed-ticket history, open tickets and the transitions log. */
export * from './aging-wip';
export * from './calendar';
export * from './calibrated-sla';
export * from './cumulative-flow';
export * from './forecast';
export * from './history';
export * from './insights';
export * from './lead-time';
export * from './percentiles';
export * from './sla-performance';
export * from './throughput';
