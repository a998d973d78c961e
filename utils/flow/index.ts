/** Pullboard's flow logic: pure functions over the normalized PSA model, no I/O. */
export * from './aging';
export * from './columns';
export * from './duration';
export * from './rank';
export * from './ready';
export * from './sla';
export * from './wip';
export * from './skips';
